"""A small SIP client for tests that need a transport sipp lacks (WebSocket, TLS): builds REGISTERs and
answers digest challenges (RFC 2617 / RFC 7616) the way any UA does."""
import hashlib
import re
import uuid


def h(algorithm, text):
    name = "sha256" if algorithm.upper() == "SHA-256" else "md5"
    return hashlib.new(name, text.encode()).hexdigest()


def parse_challenge(value):
    params = dict(re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]+))', value) and
                  [(k, a or b) for k, a, b in re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]+))', value)])
    return params


def authorization(challenge_value, method, uri, user, password):
    c = parse_challenge(challenge_value)
    algorithm = c.get("algorithm", "MD5")
    realm, nonce = c["realm"], c["nonce"]
    ha1 = h(algorithm, f"{user}:{realm}:{password}")
    ha2 = h(algorithm, f"{method}:{uri}")
    cnonce = uuid.uuid4().hex[:16]
    nc = "00000001"
    response = h(algorithm, f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
    value = (f'Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{uri}", '
             f'response="{response}", algorithm={algorithm}, cnonce="{cnonce}", qop=auth, nc={nc}')
    if "opaque" in c:
        value += f', opaque="{c["opaque"]}"'
    return value


def register(user, domain, transport, via_host, contact, cseq, call_id, auth=None, expires=300):
    lines = [
        f"REGISTER sip:{domain} SIP/2.0",
        f"Via: SIP/2.0/{transport} {via_host};branch=z9hG4bK{uuid.uuid4().hex[:12]};rport",
        f"From: <sip:{user}@{domain}>;tag={uuid.uuid4().hex[:8]}",
        f"To: <sip:{user}@{domain}>",
        f"Call-ID: {call_id}",
        f"CSeq: {cseq} REGISTER",
        f"Contact: {contact}" if contact == "*" else f"Contact: <{contact}>",
        f"Expires: {expires}",
        "Max-Forwards: 70",
    ]
    if auth:
        lines.append(f"Authorization: {auth}")
    lines.append("Content-Length: 0")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def parse_response(data):
    text = data.decode(errors="replace")
    head = text.split("\r\n\r\n", 1)[0].split("\r\n")
    status = int(head[0].split(" ")[1])
    headers = {}
    for line in head[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers.setdefault(k.strip().lower(), []).append(v.strip())
    return status, headers


class UDPClient:
    """A UDP SIP client that answers digest challenges, for registrar cases sipp scenarios can't express
    (several contacts, wildcard removal, short expiry)."""

    def __init__(self, server_port, host="127.0.0.1"):
        import socket
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((host, 0))
        self.sock.settimeout(5)
        self.addr = ("127.0.0.1", server_port)
        self.local = f"{host}:{self.sock.getsockname()[1]}"
        self.cseq = 0

    def request(self, user, password, contact, expires, call_id):
        """Sends a REGISTER, answers a 401 once; returns (status, headers) of the final response."""
        auth = None
        while True:
            self.cseq += 1
            msg = register(user, "127.0.0.1", "UDP", self.local, contact or "", self.cseq, call_id, auth, expires)
            if contact is None:
                msg = msg.replace(b"Contact: <>\r\n", b"")
            if expires is None:
                msg = msg.replace(b"Expires: None\r\n", b"")
            self.sock.sendto(msg, self.addr)
            status, headers = parse_response(self.sock.recv(65535))
            if status == 401 and auth is None:
                auth = authorization(headers["www-authenticate"][0], "REGISTER", "sip:127.0.0.1", user, password)
                continue
            return status, headers

    def close(self):
        self.sock.close()
