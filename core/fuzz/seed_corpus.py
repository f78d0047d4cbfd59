#!/usr/bin/env python3
"""Seeds the fuzz corpora from the shared vectors (run by `make fuzz`)."""
import base64, glob, hashlib, json, os, struct, sys

root = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "vectors")
out = os.path.join(os.path.dirname(__file__), "corpus")

def write(target, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)

ops = ["create_applicant", "retrieve_applicant", "update_applicant", "delete_applicant", "restore_applicant",
       "list_applicants", "upload_document", "retrieve_document", "list_documents", "download_document",
       "upload_live_photo", "retrieve_live_photo", "list_live_photos", "download_live_photo", "retrieve_live_video",
       "list_live_videos", "download_live_video", "create_check", "retrieve_check", "list_checks", "resume_check",
       "retrieve_report", "list_reports", "resume_report", "cancel_report", "register_webhook", "retrieve_webhook",
       "list_webhooks", "retrieve_report_type_group", "list_report_type_groups", "pick_addresses",
       "generate_sdk_token", "extract_ocr", "submit_slv_code"]

v3_ops = []
spec = os.path.join(os.path.dirname(__file__), "..", "..", "api", "onfido-v3.json")
v3_ops = [op["id"] for op in json.load(open(spec))["operations"]]

def body_bytes(case):
    body = case.get("body")
    if "body_base64" in case:
        return base64.b64decode(case["body_base64"])
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body).encode() if body is not None else b""

# v3 cases: answers (op index in the description's order, as v3::operations()), inputs, events.
for path in glob.glob(os.path.join(root, "v3", "*.json")):
    doc = json.load(open(path))
    for case in doc["cases"]:
        if case["operation"] not in v3_ops:
            continue
        op = bytes([v3_ops.index(case["operation"])])
        if doc["kind"] == "parse_response":
            head = "".join(f"{k}: {v}\n" for k, v in (case.get("headers") or {}).items()).encode()
            write("v3_parse", op + struct.pack(">H", case["status"]) + head + b"\n\n" + body_bytes(case)[:4096])
            if case["operation"] == "find_report":
                write("v3_event", json.dumps({"payload": {"resource_type": "report", "action": "report.completed",
                                                          "object": case.get("body") if isinstance(case.get("body"), dict) else {}}}).encode())
        elif doc["kind"] == "build_request":
            write("v3_build", op + json.dumps(case.get("input") or {}).encode()[:8192])

for path in glob.glob(os.path.join(root, "*.json")):
    doc = json.load(open(path))
    for case in doc["cases"]:
        kind = doc["kind"]
        if kind == "parse_response":
            body = case.get("body")
            if "body_base64" in case:
                body = base64.b64decode(case["body_base64"])
            elif isinstance(body, str):
                body = body.encode()
            else:
                body = json.dumps(body).encode() if body is not None else b""
            head = "".join(f"{k}: {v}\n" for k, v in (case.get("headers") or {}).items()).encode()
            op = bytes([ops.index(case["operation"])])
            write("parse_response", op + struct.pack(">H", case["status"]) + head + b"\n\n" + body[:4096])
        elif kind == "link_header":
            write("link_header", case["header"].encode())
        elif kind == "referrer_pattern":
            write("referrer", (case["pattern"] + "\n" + case["url"]).encode())
        elif kind == "webhook_signature":
            body = base64.b64decode(case["body_base64"]) if "body_base64" in case else case.get("body", "").encode()
            write("webhook", case["secret"].encode() + b"\n" + case["signature"].encode() + b"\n" + body)
# bounds: case 0 (JSON text), 1 (a value graph), 2 (a binding's JSON conversion: op byte, then input).
for depth in (1, 63, 64, 65, 129, 1000):
    write("bounds", b"\x00" + b"[" * depth + b"]" * depth)
    write("bounds", b"\x00" + b'{"a": ' * depth + b"1" + b"}" * depth)
write("bounds", b"\x00" + b'{"k\\"[": ["[", {"b": [[[]]]}]}')
write("bounds", b"\x01" + b"\x02\x00\x01" + b"\x80")           # 0 = [1, 1]: shared, no cycle
write("bounds", b"\x01" + b"\x02\x01\x02" + b"\x01\x00" + b"\x80")  # 1 holds 0: a cycle
write("bounds", b"\x01" + b"\xff" * 2)                              # chains past the limit
for op in range(0, 68, 7):
    write("bounds", b"\x02" + bytes([op]) + json.dumps({"first_name": "A", "last_name": "B", "address": {"postcode": "SW4"}}).encode())
    write("bounds", b"\x02" + bytes([op]) + b'{"breakdown": ' * 40 + b"{}" + b"}" * 40)
for path in glob.glob(os.path.join(root, "*.json")):
    doc = json.load(open(path))
    if doc["kind"] == "build_request":
        for case in doc["cases"][:20]:
            if case["operation"] in ops:
                write("bounds", b"\x02" + bytes([2 * ops.index(case["operation"])]) + json.dumps(case.get("input") or {}).encode()[:8192])
print("seeded", out, file=sys.stderr)
