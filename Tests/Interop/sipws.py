"""A small SIP user agent over WebSocket (RFC 7118, `sip` subprotocol) for WebRTC callers: REGISTER, INVITE with
an SDP offer (answering 401/407 digest challenges), answering the server's INVITE, ACK, BYE. Written against RFC 3261, with the digest helpers of
sipdigest.py; the media side (ICE, DTLS-SRTP, Opus) is a real aiortc peer connection in the tests."""
import asyncio
import uuid

from sipdigest import authorization, parse_response, register

VIA_HOST = "df7jal23ls0d.invalid"


def split_message(text):
    """(start line, headers {lower-case name: [values]}, body) of one SIP message."""
    head, _, body = text.partition("\r\n\r\n")
    lines = head.split("\r\n")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers.setdefault(k.strip().lower(), []).append(v.strip())
    return lines[0], headers, body


def tag_of(value):
    for part in value.split(";")[1:]:
        if part.strip().startswith("tag="):
            return part.strip()[4:]
    return None


class SIPWebSocketUA:
    def __init__(self, ws, user, password, domain="127.0.0.1"):
        self.ws = ws
        self.user, self.password, self.domain = user, password, domain
        self.contact = f"sip:{user}@{VIA_HOST};transport=ws"
        self.requests = []  # requests the server sent us (BYE …), already answered

    async def register(self):
        call_id = uuid.uuid4().hex
        await self.ws.send(register(self.user, self.domain, "WS", VIA_HOST, self.contact, 1, call_id).decode())
        status, headers = parse_response((await asyncio.wait_for(self.ws.recv(), 10)).encode())
        if status == 401:
            auth = authorization(headers["www-authenticate"][0], "REGISTER", f"sip:{self.domain}", self.user,
                                 self.password)
            await self.ws.send(register(self.user, self.domain, "WS", VIA_HOST, self.contact, 2, call_id,
                                        auth).decode())
            status, headers = parse_response((await asyncio.wait_for(self.ws.recv(), 10)).encode())
        return status

    async def response(self, call_id, cseq_method, timeout=15):
        """The next final response for `call_id`/method; requests the server sends meanwhile are answered."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            left = deadline - asyncio.get_running_loop().time()
            text = await asyncio.wait_for(self.ws.recv(), max(left, 0.1))
            start, headers, body = split_message(text)
            if not start.startswith("SIP/2.0"):
                await self._answer_request(text)
                continue
            status = int(start.split(" ")[1])
            if headers.get("call-id", [""])[0] != call_id or not headers.get("cseq", [""])[0].endswith(cseq_method):
                continue
            if status >= 200:
                return status, headers, body

    async def wait_request(self, method, timeout):
        """Waits for the server to send `method` in our call (answered with 200); returns its headers."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            left = deadline - asyncio.get_running_loop().time()
            text = await asyncio.wait_for(self.ws.recv(), max(left, 0.1))
            start, headers, _ = split_message(text)
            if start.startswith("SIP/2.0"):
                continue
            await self._answer_request(text)
            if start.startswith(method + " ") and headers.get("call-id", [""])[0] == self.call_id:
                return headers

    async def _answer_request(self, text):
        start, headers, _ = split_message(text)
        self.requests.append(start.split(" ")[0])
        lines = ["SIP/2.0 200 OK"] + [f"{name}: {value}" for name in ("via", "from", "to", "call-id", "cseq")
                                      for value in headers.get(name, [])] + ["Content-Length: 0"]
        await self.ws.send("\r\n".join(lines) + "\r\n\r\n")

    def _request(self, method, uri, call_id, cseq, from_tag, to_tag=None, extra=(), body="", branch=None):
        lines = [
            f"{method} {uri} SIP/2.0",
            f"Via: SIP/2.0/WS {VIA_HOST};branch={branch or 'z9hG4bK' + uuid.uuid4().hex[:12]}",
            "Max-Forwards: 70",
            f"From: <sip:{self.user}@{self.domain}>;tag={from_tag}",
            f"To: {self.to}" + (f";tag={to_tag}" if to_tag else ""),
            f"Call-ID: {call_id}",
            f"CSeq: {cseq} {method}",
            f"Contact: <{self.contact}>",
            *extra,
        ]
        if body:
            lines.append("Content-Type: application/sdp")
        lines.append(f"Content-Length: {len(body.encode())}")
        return "\r\n".join(lines) + "\r\n\r\n" + body

    async def invite(self, destination, sdp):
        """Calls `destination` with the offer `sdp`; returns (status, answer SDP). Keeps the dialog for bye()."""
        self.call_id, self.from_tag = uuid.uuid4().hex, uuid.uuid4().hex[:8]
        self.uri = f"sip:{destination}@{self.domain}"
        self.to = f"<{self.uri}>"
        cseq, extra = 1, []
        while True:
            branch = "z9hG4bK" + uuid.uuid4().hex[:12]
            await self.ws.send(self._request("INVITE", self.uri, self.call_id, cseq, self.from_tag, extra=extra,
                                             body=sdp, branch=branch))
            status, headers, body = await self.response(self.call_id, "INVITE")
            to_tag = tag_of(headers["to"][0])
            if status in (401, 407) and not extra:
                # ACK of a non-2xx final response: same branch, the response's To tag (RFC 3261 §17.1.1.3).
                await self.ws.send(self._request("ACK", self.uri, self.call_id, cseq, self.from_tag, to_tag,
                                                 branch=branch))
                name = "proxy-authenticate" if status == 407 else "www-authenticate"
                auth = authorization(headers[name][0], "INVITE", self.uri, self.user, self.password)
                extra = [f"{'Proxy-' if status == 407 else ''}Authorization: {auth}"]
                cseq += 1
                continue
            self.cseq, self.to_tag = cseq, to_tag
            if status >= 300:
                await self.ws.send(self._request("ACK", self.uri, self.call_id, cseq, self.from_tag, to_tag,
                                                 branch=branch))
            if status == 200:
                self.remote_target = headers["contact"][0].strip("<>").split(">")[0]
                await self.ws.send(self._request("ACK", self.remote_target, self.call_id, cseq, self.from_tag,
                                                 to_tag))
            return status, body

    async def answer_invite(self, make_answer, timeout=15):
        """Waits for the server's INVITE, answers 200 OK with the SDP `await make_answer(offer)` returns, and waits
        for the ACK. Keeps the dialog (we are its UAS) for wait_request(). Returns the offer."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            text = await asyncio.wait_for(self.ws.recv(), max(deadline - asyncio.get_running_loop().time(), 0.1))
            start, headers, offer = split_message(text)
            if start.startswith("INVITE "):
                break
            if not start.startswith("SIP/2.0"):
                await self._answer_request(text)
        self.call_id = headers["call-id"][0]
        answer = await make_answer(offer)
        lines = ["SIP/2.0 200 OK"] + [f"{name}: {value}" for name in ("via", "from", "call-id", "cseq")
                                      for value in headers.get(name, [])]
        lines += [f"To: {headers['to'][0]};tag={uuid.uuid4().hex[:8]}", f"Contact: <{self.contact}>",
                  "Content-Type: application/sdp", f"Content-Length: {len(answer.encode())}"]
        await self.ws.send("\r\n".join(lines) + "\r\n\r\n" + answer)
        while True:
            text = await asyncio.wait_for(self.ws.recv(), max(deadline - asyncio.get_running_loop().time(), 0.1))
            start, headers, _ = split_message(text)
            if start.startswith("ACK ") and headers.get("call-id", [""])[0] == self.call_id:
                return offer

    async def bye(self):
        self.cseq += 1
        await self.ws.send(self._request("BYE", self.remote_target, self.call_id, self.cseq, self.from_tag,
                                         self.to_tag))
        status, _, _ = await self.response(self.call_id, "BYE")
        return status
