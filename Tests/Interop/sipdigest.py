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
        f"Contact: <{contact}>",
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
