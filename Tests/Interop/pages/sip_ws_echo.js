// A minimal SIP user agent over WebSocket (RFC 7118, subprotocol "sip"; RFC 3261 messages written by hand):
// REGISTER and INVITE answering digest challenges (RFC 7616: SHA-256 with WebCrypto when the server offers it,
// else MD5 from md5.js), ACK, BYE, and 200 OK to whatever the server asks. It calls `destination` with a WebRTC
// offer and measures the audio that comes back against the microphone's own tone.
"use strict";

const COMPACT = { v: "via", f: "from", t: "to", i: "call-id", m: "contact", l: "content-length", c: "content-type" };
const random = (n) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => (b % 36).toString(36)).join("");

function parse(text) {
  const split = text.indexOf("\r\n\r\n");
  const lines = text.slice(0, split).split("\r\n");
  const headers = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    let name = line.slice(0, colon).trim().toLowerCase();
    name = COMPACT[name] || name;
    (headers[name] = headers[name] || []).push(line.slice(colon + 1).trim());
  }
  const start = lines[0];
  const status = start.startsWith("SIP/2.0 ") ? Number(start.split(" ")[1]) : 0;
  return { start, status, headers, body: text.slice(split + 4), header: (name) => (headers[name] || [])[0] };
}

function tagOf(value) {
  const match = /;\s*tag=([^;>\s]+)/.exec(value || "");
  return match ? match[1] : null;
}

function challengeParams(value) {
  const params = {};
  for (const [, key, quoted, bare] of value.replace(/^Digest\s+/i, "").matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) {
    params[key.toLowerCase()] = quoted !== undefined ? quoted : bare;
  }
  return params;
}

async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

class SIPWebSocketUA {
  constructor(url, user, password, domain) {
    Object.assign(this, { url, user, password, domain });
    this.host = random(12) + ".invalid";
    this.contact = `<sip:${user}@${this.host};transport=ws>`;
    this.waiters = [];
    this.algorithms = [];
  }

  open() {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(this.url, "sip");
      this.ws.onopen = () => (this.ws.protocol === "sip" ? resolve() : reject(new Error("subprotocol " + this.ws.protocol)));
      this.ws.onerror = () => reject(new Error("WebSocket error"));
      this.ws.onmessage = (event) => this.received(parse(event.data));
    });
  }

  received(message) {
    if (message.status) {
      const waiter = this.waiters.find((w) => w.callID === message.header("call-id") && w.cseq === message.header("cseq"));
      if (waiter && message.status >= 200) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
      return;
    }
    // A request from the server (BYE, OPTIONS, re-INVITE …): 200 OK (no SDP), ACK needs no answer.
    if (message.start.startsWith("ACK ")) return;
    const copy = ["via", "from", "to", "call-id", "cseq"].flatMap((name) =>
      (message.headers[name] || []).map((value) => `${name}: ${value}`));
    this.ws.send(["SIP/2.0 200 OK", ...copy, "Content-Length: 0", "", ""].join("\r\n"));
    log("server sent " + message.start);
  }

  message(method, uri, d, extra = [], body = "") {
    const lines = [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/WS ${this.host};branch=${d.branch};rport`,
      "Max-Forwards: 70",
      `From: <sip:${this.user}@${this.domain}>;tag=${d.fromTag}`,
      `To: ${d.to}` + (d.toTag ? `;tag=${d.toTag}` : ""),
      `Call-ID: ${d.callID}`,
      `CSeq: ${d.cseq} ${method}`,
      `Contact: ${this.contact}`,
      "User-Agent: switchboard-interop-page",
      ...extra,
    ];
    if (body) lines.push("Content-Type: application/sdp");
    lines.push(`Content-Length: ${new TextEncoder().encode(body).length}`);
    return lines.join("\r\n") + "\r\n\r\n" + body;
  }

  // Sends a request and resolves with its final response (or rejects after 15 s).
  transaction(method, uri, d, extra, body) {
    d.branch = "z9hG4bK" + random(16);
    return new Promise((resolve, reject) => {
      const waiter = { callID: d.callID, cseq: `${d.cseq} ${method}`, resolve };
      this.waiters.push(waiter);
      this.ws.send(this.message(method, uri, d, extra, body));
      setTimeout(() => reject(new Error(`no final response to ${method}`)), 15000);
    });
  }

  // The Authorization (or Proxy-Authorization) header for a 401/407: SHA-256 when offered, else MD5.
  async authorization(response, method, uri) {
    const proxy = response.status === 407;
    const offers = (response.headers[proxy ? "proxy-authenticate" : "www-authenticate"] || []).map(challengeParams);
    const challenge = offers.find((c) => (c.algorithm || "").toUpperCase() === "SHA-256")
      || offers.find((c) => !c.algorithm || c.algorithm.toUpperCase() === "MD5");
    if (!challenge) throw new Error("no usable digest challenge: " + JSON.stringify(offers));
    const algorithm = (challenge.algorithm || "MD5").toUpperCase();
    this.algorithms.push(algorithm);
    const H = algorithm === "SHA-256" ? sha256 : async (text) => md5(text);
    const ha1 = await H(`${this.user}:${challenge.realm}:${this.password}`);
    const ha2 = await H(`${method}:${uri}`);
    const fields = [`username="${this.user}"`, `realm="${challenge.realm}"`, `nonce="${challenge.nonce}"`,
      `uri="${uri}"`, `algorithm=${algorithm}`];
    let digest;
    if ((challenge.qop || "").split(",").map((q) => q.trim()).includes("auth")) {
      const cnonce = random(16), nc = "00000001";
      digest = await H(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
      fields.push(`qop=auth`, `nc=${nc}`, `cnonce="${cnonce}"`);
    } else {
      digest = await H(`${ha1}:${challenge.nonce}:${ha2}`);
    }
    fields.push(`response="${digest}"`);
    if (challenge.opaque !== undefined) fields.push(`opaque="${challenge.opaque}"`);
    return `${proxy ? "Proxy-Authorization" : "Authorization"}: Digest ${fields.join(", ")}`;
  }

  async register() {
    const uri = `sip:${this.domain}`;
    const d = { callID: random(20), fromTag: random(8), to: `<sip:${this.user}@${this.domain}>`, cseq: 1 };
    let response = await this.transaction("REGISTER", uri, d, ["Expires: 300"]);
    if (response.status === 401 || response.status === 407) {
      const auth = await this.authorization(response, "REGISTER", uri);
      d.cseq += 1;
      response = await this.transaction("REGISTER", uri, d, ["Expires: 300", auth]);
    }
    return response.status;
  }

  // INVITE with `sdp`; a 401/407 is ACKed and the INVITE repeated with credentials; a 2xx is ACKed to its Contact.
  async invite(destination, sdp) {
    const uri = `sip:${destination}@${this.domain}`;
    const d = { callID: random(20), fromTag: random(8), to: `<${uri}>`, cseq: 1 };
    let extra = [];
    for (;;) {
      const response = await this.transaction("INVITE", uri, d, extra, sdp);
      const toTag = tagOf(response.header("to"));
      if ((response.status === 401 || response.status === 407) && extra.length === 0) {
        // ACK of a non-2xx final response: same branch and the response's To tag (RFC 3261 §17.1.1.3).
        this.ws.send(this.message("ACK", uri, Object.assign({}, d, { toTag })));
        extra = [await this.authorization(response, "INVITE", uri)];
        d.cseq += 1;
        continue;
      }
      if (response.status >= 300) {
        this.ws.send(this.message("ACK", uri, Object.assign({}, d, { toTag })));
        return { status: response.status };
      }
      d.toTag = toTag;
      d.target = /<([^>]+)>/.exec(response.header("contact"))[1];
      this.dialog = d;
      this.ws.send(this.message("ACK", d.target, Object.assign({}, d, { branch: "z9hG4bK" + random(16) })));
      return { status: response.status, sdp: response.body };
    }
  }

  async bye() {
    const d = this.dialog;
    d.cseq += 1;
    return (await this.transaction("BYE", d.target, d)).status;
  }
}

async function run() {
  const q = params();
  const seconds = Number(q.get("seconds") || 4);
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  const local = await measure(meter(stream), 1500);
  await report("local", local);

  const ua = new SIPWebSocketUA(q.get("ws"), q.get("user") || "1000", q.get("password") || "secret",
    q.get("domain") || "127.0.0.1");
  await ua.open();
  const registered = await ua.register();
  await report("register", { status: registered, algorithms: ua.algorithms });

  const pc = new RTCPeerConnection({ iceServers: [] });
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
  const remote = new Promise((resolve) => { pc.ontrack = (event) => resolve(event.streams[0]); });
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  const call = await ua.invite(q.get("destination") || "9196", pc.localDescription.sdp);
  if (call.status !== 200) { await report("echo", { invite: call.status }); return; }
  await pc.setRemoteDescription({ type: "answer", sdp: call.sdp });
  const heard = await remote;
  play(heard);
  const echoMeter = meter(heard);
  await sleep(1000);
  const echo = await measure(echoMeter, seconds * 1000);
  const stats = {};
  (await pc.getStats()).forEach((s) => {
    if (s.type === "inbound-rtp" && s.kind === "audio") stats.packetsReceived = s.packetsReceived;
    if (s.type === "outbound-rtp" && s.kind === "audio") {
      // What the browser's Opus encoder was set up for (the answer's maxplaybackrate reaches it).
      Object.assign(stats, { packetsSent: s.packetsSent, bytesSent: s.bytesSent, targetBitrate: s.targetBitrate });
    }
  });
  Object.assign(echo, { invite: call.status, answer: call.sdp, stats, connectionState: pc.connectionState,
    algorithms: ua.algorithms });
  echo.bye = await ua.bye();
  pc.close();
  ua.ws.close();
  await report("echo", echo);
}

run().catch((error) => report("error", { message: String(error && error.stack || error) }));
