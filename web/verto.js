// A small Verto (FreeSWITCH JSON-RPC over WebSocket) client: requests with promises, and the server's requests
// (verto.answer, verto.media, verto.bye, verto.invite, verto.attach, verto.punt, verto.ping …) handed to `onRequest`.
"use strict";

class VertoClient {
  constructor(url, { onRequest, onClose }) {
    this.url = url;
    this.nextId = 1;
    this.pending = new Map();
    this.onRequest = onRequest;
    this.onClose = onClose;
    this.sessid = sessionStorage.getItem("verto_sessid") || crypto.randomUUID();
    sessionStorage.setItem("verto_sessid", this.sessid);
  }

  open() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url);
      this.ws = ws;
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error("The server is unreachable (" + this.url + ")."));
      ws.onmessage = (event) => this.received(event.data);
      ws.onclose = () => {
        for (const { reject: fail } of this.pending.values()) fail(new Error("Connection closed"));
        this.pending.clear();
        if (this.onClose) this.onClose();
      };
    });
  }

  close() { if (this.ws) this.ws.close(); }

  call(method, params) {
    const id = this.nextId++;
    const message = { jsonrpc: "2.0", id, method, params: Object.assign({ sessid: this.sessid }, params) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify(message));
    });
  }

  reply(id, result) {
    this.ws.send(JSON.stringify({ jsonrpc: "2.0", id, result }));
  }

  received(text) {
    let message;
    try { message = JSON.parse(text); } catch { return; }
    for (const one of Array.isArray(message) ? message : [message]) {
      if (one.method) {
        const result = this.onRequest(one.method, one.params || {});
        if (one.id !== undefined && one.id !== null) this.reply(one.id, result || { method: one.method });
      } else if (this.pending.has(one.id)) {
        const { resolve, reject } = this.pending.get(one.id);
        this.pending.delete(one.id);
        if (one.error) {
          const error = new Error(one.error.message || "Error " + one.error.code);
          error.code = one.error.code;
          reject(error);
        } else {
          resolve(one.result);
        }
      }
    }
  }
}
