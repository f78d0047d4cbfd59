#!/usr/bin/env python3
"""Generate the shared v3.6 / v3.4 test vectors (build_request + parse_response).

Stdlib only, deterministic. Expected values are written by hand from the
OpenAPI documents in ../shared/spec; only hashes/base64 of the synthetic
file bytes are computed here. Writes the JSON files beside this script.
"""
import base64
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC36 = os.path.join(HERE, "..", "..", "..", "..", "shared", "spec", "onfido-openapi-v3.6.json")
SPEC34 = os.path.join(HERE, "..", "..", "..", "..", "shared", "spec", "onfido-openapi-v3.4-paths.json")

TOKEN = "api_sandbox.abc"
AUTH = {"Authorization": "Token token=" + TOKEN}
JSON_H = {"Authorization": "Token token=" + TOKEN, "Content-Type": "application/json"}

# ---------------------------------------------------------------- ids
APP = "6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10"
APP2 = "0c9b3a52-6d1e-4f7a-8b2c-3e4d5f6a7b8c"
DOC = "7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b"
DOC2 = "8b2d3f4a-5c6e-4f7a-9b0c-1d2e3f4a5b6c"
LPH = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"
LVI = "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"
MOC = "3d4e5f6a-7b8c-4d9e-8f1a-2b3c4d5e6f7a"
IDP = "4e5f6a7b-8c9d-4e0f-9a2b-3c4d5e6f7a8b"
SGD = "5f6a7b8c-9d0e-4f1a-8b3c-4d5e6f7a8b9c"
CHK = "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
REP = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
REP2 = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"
WHK = "c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f"
WFR = "d4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f8a"
WFL = "e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b"
MON = "f6a7b8c9-d0e1-4f2a-9b3c-5d6e7f8a9b0c"
MAT = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"
MAT2 = "1a2b3c4d-5e6f-4a7b-9c8d-9e0f1a2b3c4d"
TLF = "2a3b4c5d-6e7f-4a8b-8c9d-0e1f2a3b4c5e"
TOK = "3a4b5c6d-7e8f-4a9b-9c0d-1e2f3a4b5c6f"
FIL = "4a5b6c7d-8e9f-4a0b-8c1d-2e3f4a5b6c7a"
UPPER = "6F3D1B7C-0A64-4C4E-9B8A-2D5F1E7C9A10"
BAD_UUIDS = ["not-a-uuid", "6f3d1b7c0a644c4e9b8a2d5f1e7c9a10", "6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a1",
             "6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a1g", "", "../applicants"]
TS = "2024-05-14T09:30:12Z"
TS2 = "2024-05-14T09:41:55Z"


def cfg(region="eu", ver="v3.6", token=TOKEN):
    return {"token": token, "region": region, "api_version": ver}


def base(region="eu", ver="v3.6"):
    return "https://api.%s.onfido.com/%s/" % (region, ver)


# ---------------------------------------------------------------- files
def filler(n, tag):
    unit = ("onfido-core v3 vector filler %s " % tag).encode()
    return (unit * (n // len(unit) + 1))[:n]


def png(n, tag="png"):
    sig = b"\x89PNG\r\n\x1a\n"
    return sig + filler(n - len(sig), tag)


def jpeg(n, tag="jpeg"):
    sig = b"\xff\xd8\xff\xe0"
    return sig + filler(n - len(sig), tag)


def pdf(n, tag="pdf"):
    sig = b"%PDF-1.4\n"
    return sig + filler(n - len(sig), tag)


def gif(n, tag="gif"):
    sig = b"GIF89a"
    return sig + filler(n - len(sig), tag)


def rnd(n, tag="random"):
    out = b""
    h = hashlib.sha256(tag.encode()).digest()
    while len(out) < n:
        out += h
        h = hashlib.sha256(h).digest()
    out = b"\x00\x13" + out[2:n]  # never a PNG/JPEG/PDF/GIF signature
    return out


def file_in(name, data):
    assert len(data) <= 40960, (name, len(data))
    return {"filename": name, "content_base64": base64.b64encode(data).decode()}


def file_part(name, data, ctype):
    return {"name": "file", "filename": name, "content_type": ctype, "sha256": hashlib.sha256(data).hexdigest()}


def sha(data):
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- case store
FILES = {}  # file name -> (kind, [cases])
GROUP = ["misc"]
NAMES = set()


def _add(fname, kind, case):
    key = (kind, case["name"])
    assert key not in NAMES, "duplicate case name: " + case["name"]
    NAMES.add(key)
    FILES.setdefault(fname, (kind, []))[1].append(case)


def B(name, op, inp, method, path, query="", json_=None, multipart=None, region="eu", ver="v3.6",
      fname=None):
    """A build_request case that must succeed. path is relative to the base (no leading /)."""
    url = base(region, ver) + path + (("?" + query) if query else "")
    exp = {"method": method, "url": url}
    if json_ is not None:
        exp["headers"] = dict(JSON_H)
        exp["json"] = json_
    else:
        exp["headers"] = dict(AUTH)
    if multipart is not None:
        exp["multipart"] = multipart
    c = {"name": name, "operation": op, "config": cfg(region, ver), "input": inp, "expect": exp}
    if fname is None:
        fname = ("v36_build_%s.json" % GROUP[0]) if ver == "v3.6" else "v34_build.json"
    _add(fname, "build_request", c)


def BE(name, op, inp, fields, ver="v3.6", region="eu", kind="validation", fname=None, config=None):
    err = {"kind": kind}
    if fields is not None:
        err["fields"] = fields
    c = {"name": name, "operation": op, "config": config or cfg(region, ver), "input": inp,
         "expect": {"error": err}}
    if fname is None:
        fname = ("v36_build_%s.json" % GROUP[0]) if ver == "v3.6" else "v34_build.json"
    _add(fname, "build_request", c)


def P(name, op, status, body, ok=None, error=None, headers=None, ver="v3.6", body_base64=None, fname=None):
    if headers is None:
        headers = {"Content-Type": "application/json"} if body not in (None, "") else {}
    c = {"name": name, "operation": op, "api_version": ver, "status": status, "headers": headers}
    if body_base64 is not None:
        c["body_base64"] = body_base64
    else:
        c["body"] = body if body is not None else ""
    if error is not None:
        c["expect"] = {"error": error}
    else:
        c["expect"] = {"ok": ok}
    if fname is None:
        fname = ("v36_parse_%s.json" % GROUP[0]) if ver == "v3.6" else "v34_parse.json"
    _add(fname, "parse_response", c)


def api_err(status, typ, message, fields=None, eid="5f0000000000000000000001"):
    body = {"error": {"id": eid, "type": typ, "message": message, "fields": fields or {}}}
    exp = {"kind": "api", "status": status, "type": typ, "message": message}
    return body, exp


def P_err(name, op, status, typ, message, fields=None, exp_fields=None, headers=None, retry_after=None,
          ver="v3.6"):
    body, exp = api_err(status, typ, message, fields)
    if exp_fields is not None:
        exp["fields"] = exp_fields
    if retry_after is not None:
        exp["retry_after"] = retry_after
    h = {"Content-Type": "application/json"}
    if headers:
        h.update(headers)
    P(name, op, status, body, error=exp, headers=h, ver=ver)


def P_download(name, op, data, ctype, filename, disposition=None, ver="v3.6"):
    disposition = disposition or 'attachment; filename="%s"' % filename
    P(name, op, 200, None, body_base64=base64.b64encode(data).decode(),
      headers={"Content-Type": ctype, "Content-Disposition": disposition},
      ok={"content_type": ctype, "filename": filename, "size": len(data), "sha256": sha(data)}, ver=ver)


def P_redirect(name, op, location, ver="v3.6"):
    P(name, op, 302, "", headers={"Location": location}, ok={"redirect": {"location": location}}, ver=ver)


def P_empty(name, op, status=204, ver="v3.6", headers=None):
    P(name, op, status, "", headers=headers or {}, ok={}, ver=ver)


def strip_nulls(x):
    if isinstance(x, dict):
        return {k: strip_nulls(v) for k, v in x.items() if v is not None}
    if isinstance(x, list):
        return [strip_nulls(v) for v in x]
    return x


def P_json(name, op, body, status=200, ok=None, ver="v3.6", headers=None):
    """Success JSON parse: ok defaults to the body as sent, nulls removed."""
    P(name, op, status, body, ok=strip_nulls(body) if ok is None else ok, ver=ver, headers=headers)


def bad_uuid_cases(op, inp, param, builder=BE, count=2, ver="v3.6"):
    for i, bad in enumerate(BAD_UUIDS[:count]):
        d = dict(inp)
        d[param] = bad
        builder("%s refuses %s %r (not a uuid)" % (op, param, bad), op, d, [param], ver=ver)


# ================================================================ applicants
ADDR = {"flat_number": "2", "building_number": "100", "street": "Main Street", "town": "London",
        "postcode": "SW4 6EH", "country": "GBR"}
APPLICANT = {"id": APP, "created_at": TS, "href": "/v3.6/applicants/" + APP, "sandbox": True,
             "first_name": "Jane", "last_name": "Doe", "email": "jane.doe@example.com", "dob": "1990-01-31",
             "phone_number": "+447700900123",
             "address": dict(ADDR, line1=None, line2=None, line3=None),
             "location": {"ip_address": "127.0.0.1", "country_of_residence": "GBR"},
             "id_numbers": [{"type": "tax_id", "value": "AA123456C"}]}


def applicants():
    GROUP[0] = "applicants"
    op = "create_applicant"
    B("create_applicant minimal first/last name", op, {"first_name": "Jane", "last_name": "Doe"},
      "POST", "applicants", json_={"first_name": "Jane", "last_name": "Doe"})
    full = {"first_name": "Jane", "last_name": "Doe", "email": "jane.doe@example.com", "dob": "1990-01-31",
            "phone_number": "+447700900123", "address": ADDR,
            "location": {"ip_address": "127.0.0.1", "country_of_residence": "GBR"},
            "id_numbers": [{"type": "tax_id", "value": "AA123456C"}],
            "consents": [{"name": "privacy_notices_read", "granted": True}]}
    B("create_applicant with address, location, id_numbers and consents", op, full, "POST", "applicants",
      json_=full)
    us = {"first_name": "John", "last_name": "Smith", "dob": "1985-12-01",
          "address": {"line1": "123 Main St", "line2": "Apt 4", "town": "Springfield", "state": "IL",
                      "postcode": "62701", "country": "USA"},
          "id_numbers": [{"type": "ssn", "value": "123-45-6789"}],
          "consents": [{"name": "ssn_verification", "granted": True},
                       {"name": "phone_number_verification", "granted": False}]}
    B("create_applicant US applicant in the us region", op, us, "POST", "applicants", json_=us, region="us")
    ca = {"first_name": "Émilie", "last_name": "Tremblay-Côté", "dob": "2000-02-29",
          "address": {"building_number": "12", "street": "Rue Sainte-Catherine", "town": "Montréal",
                      "state": "QC", "postcode": "H2X 1Z4", "country": "CAN"}}
    B("create_applicant non-ASCII names and leap day dob in the ca region", op, ca, "POST", "applicants",
      json_=ca, region="ca")
    d = {"first_name": "Jane", "last_name": "Doe",
         "id_numbers": [{"type": "driving_license", "value": "D123", "state_code": "CA"},
                        {"type": "driving_licence", "value": "MORGA753116SM9IJ"},
                        {"type": "share_code", "value": "W4B 7RT 9XY"}]}
    B("create_applicant id_numbers with both driving_license spellings and share_code", op, d, "POST",
      "applicants", json_=d)
    BE("create_applicant without first_name", op, {"last_name": "Doe"}, ["first_name"])
    BE("create_applicant without last_name", op, {"first_name": "Jane"}, ["last_name"])
    BE("create_applicant without any field names both names", op, {}, ["first_name", "last_name"])
    BE("create_applicant first_name of the wrong JSON type", op, {"first_name": 5, "last_name": "Doe"},
       ["first_name"])
    BE("create_applicant first_name breaks the spec pattern (<)", op, {"first_name": "Jane<", "last_name": "Doe"},
       ["first_name"])
    BE("create_applicant last_name breaks the spec pattern (;)", op, {"first_name": "Jane", "last_name": "Doe;"},
       ["last_name"])
    BE("create_applicant dob 1990-02-30 is not a real date", op,
       {"first_name": "Jane", "last_name": "Doe", "dob": "1990-02-30"}, ["dob"])
    BE("create_applicant dob 1990-13-01 is not a real date", op,
       {"first_name": "Jane", "last_name": "Doe", "dob": "1990-13-01"}, ["dob"])
    BE("create_applicant dob in dd/mm/yyyy refused", op,
       {"first_name": "Jane", "last_name": "Doe", "dob": "31/01/1990"}, ["dob"])
    BE("create_applicant dob 2001-02-29 (not a leap year) refused", op,
       {"first_name": "Jane", "last_name": "Doe", "dob": "2001-02-29"}, ["dob"])
    BE("create_applicant address.country GB (two letters) refused", op,
       {"first_name": "Jane", "last_name": "Doe", "address": dict(ADDR, country="GB")}, ["address.country"])
    BE("create_applicant address.country XXX refused", op,
       {"first_name": "Jane", "last_name": "Doe", "address": dict(ADDR, country="XXX")}, ["address.country"])
    a = dict(ADDR)
    del a["postcode"]
    BE("create_applicant address without postcode", op, {"first_name": "Jane", "last_name": "Doe", "address": a},
       ["address.postcode"])
    a = dict(ADDR)
    del a["country"]
    BE("create_applicant address without country", op, {"first_name": "Jane", "last_name": "Doe", "address": a},
       ["address.country"])
    BE("create_applicant address.line1 breaks the spec pattern ($)", op,
       {"first_name": "Jane", "last_name": "Doe", "address": dict(ADDR, line1="Flat $5")}, ["address.line1"])
    BE("create_applicant location.country_of_residence XXX refused", op,
       {"first_name": "Jane", "last_name": "Doe", "location": {"country_of_residence": "XXX"}},
       ["location.country_of_residence"])
    BE("create_applicant id_numbers[0].type nin is not in the enum", op,
       {"first_name": "Jane", "last_name": "Doe", "id_numbers": [{"type": "nin", "value": "1"}]},
       ["id_numbers[0].type"])
    BE("create_applicant consents[1].name unknown", op,
       {"first_name": "Jane", "last_name": "Doe",
        "consents": [{"name": "privacy_notices_read", "granted": True}, {"name": "marketing", "granted": True}]},
       ["consents[1].name"])
    BE("create_applicant consents[0] without granted", op,
       {"first_name": "Jane", "last_name": "Doe", "consents": [{"name": "privacy_notices_read"}]},
       ["consents[0].granted"])
    BE("create_applicant consents[0].granted as a string", op,
       {"first_name": "Jane", "last_name": "Doe", "consents": [{"name": "privacy_notices_read", "granted": "yes"}]},
       ["consents[0].granted"])
    BE("create_applicant unknown input field dbo", op, {"first_name": "Jane", "last_name": "Doe", "dbo": "1990-01-01"},
       ["dbo"])
    BE("create_applicant v2 field country refused in v3.6", op,
       {"first_name": "Jane", "last_name": "Doe", "country": "GBR"}, ["country"])
    BE("create_applicant address as a string", op, {"first_name": "Jane", "last_name": "Doe", "address": "London"},
       ["address"])
    BE("create_applicant email as a number", op, {"first_name": "Jane", "last_name": "Doe", "email": 42}, ["email"])

    op = "find_applicant"
    B("find_applicant", op, {"applicant_id": APP}, "GET", "applicants/" + APP)
    B("find_applicant with an upper-case uuid", op, {"applicant_id": UPPER}, "GET", "applicants/" + UPPER)
    B("find_applicant in the ca region", op, {"applicant_id": APP}, "GET", "applicants/" + APP, region="ca")
    bad_uuid_cases(op, {}, "applicant_id", count=6)
    BE("find_applicant without applicant_id", op, {}, ["applicant_id"])
    BE("retrieve_applicant (v2 op id) is not a v3.6 operation", "retrieve_applicant", {"applicant_id": APP},
       ["operation"])

    op = "update_applicant"
    upd = {"email": "jane.new@example.com", "address": dict(ADDR, postcode="E1 6AN")}
    inp = dict(upd, applicant_id=APP)
    B("update_applicant email and address", op, inp, "PUT", "applicants/" + APP, json_=upd)
    B("update_applicant first_name only (names not required on update)", op,
      {"applicant_id": APP, "first_name": "Janet"}, "PUT", "applicants/" + APP, json_={"first_name": "Janet"})
    BE("update_applicant first_name breaks the pattern ({)", op, {"applicant_id": APP, "first_name": "J{ane"},
       ["first_name"])
    BE("update_applicant dob 2023-04-31 refused", op, {"applicant_id": APP, "dob": "2023-04-31"}, ["dob"])
    BE("update_applicant bad applicant_id", op, {"applicant_id": "123", "email": "a@b.c"}, ["applicant_id"])
    BE("update_applicant unknown field", op, {"applicant_id": APP, "nickname": "JD"}, ["nickname"])

    op = "delete_applicant"
    B("delete_applicant", op, {"applicant_id": APP}, "DELETE", "applicants/" + APP)
    bad_uuid_cases(op, {}, "applicant_id")
    op = "restore_applicant"
    B("restore_applicant", op, {"applicant_id": APP}, "POST", "applicants/%s/restore" % APP)
    bad_uuid_cases(op, {}, "applicant_id")
    op = "find_applicant_consents"
    B("find_applicant_consents", op, {"applicant_id": APP}, "GET", "applicants/%s/consents" % APP)
    bad_uuid_cases(op, {}, "applicant_id", count=1)

    op = "list_applicants"
    B("list_applicants without parameters", op, {}, "GET", "applicants")
    B("list_applicants page 2, per_page 50, include_deleted true", op,
      {"page": 2, "per_page": 50, "include_deleted": True}, "GET", "applicants",
      query="page=2&per_page=50&include_deleted=true")
    B("list_applicants include_deleted false", op, {"include_deleted": False}, "GET", "applicants",
      query="include_deleted=false")
    BE("list_applicants page as text refused", op, {"page": "two"}, ["page"])
    BE("list_applicants include_deleted as a string refused", op, {"include_deleted": "yes"}, ["include_deleted"])
    BE("list_applicants unknown parameter", op, {"sort": "asc"}, ["sort"])

    # ---- parse
    P_json("create_applicant 201 full applicant", "create_applicant", APPLICANT, status=201)
    P_json("find_applicant 200", "find_applicant", APPLICANT)
    P_json("update_applicant 200", "update_applicant", dict(APPLICANT, email="jane.new@example.com"))
    P_json("find_applicant keeps unknown fields", "find_applicant",
           dict(APPLICANT, future_field={"nested": [1, 2]}, another="x"))
    P_json("find_applicant minimal (only id)", "find_applicant", {"id": APP})
    P("find_applicant id of the wrong type is a decode error", "find_applicant", 200, dict(APPLICANT, id=7),
      error={"kind": "decode"})
    P("find_applicant first_name as an object is a decode error", "find_applicant", 200,
      dict(APPLICANT, first_name={"a": 1}), error={"kind": "decode"})
    P("find_applicant sandbox as a string is a decode error", "find_applicant", 200,
      dict(APPLICANT, sandbox="yes"), error={"kind": "decode"})
    P("find_applicant invalid JSON is a decode error", "find_applicant", 200, '{"id": "' + APP + '",',
      error={"kind": "decode"})
    P_empty("delete_applicant 204", "delete_applicant")
    P_empty("restore_applicant 204", "restore_applicant")
    lst = {"applicants": [APPLICANT, {"id": APP2, "first_name": "John", "last_name": "Smith",
                                      "created_at": TS2, "sandbox": True}]}
    P_json("list_applicants two applicants", "list_applicants", lst)
    P_json("list_applicants empty", "list_applicants", {"applicants": []})
    cons = [{"name": "privacy_notices_read", "granted": True, "granted_at": TS},
            {"name": "ssn_verification", "granted": False, "granted_at": None},
            {"name": "future_consent", "granted": True, "granted_at": TS2}]
    P_json("find_applicant_consents bare array (null granted_at, unknown name kept)", "find_applicant_consents",
           cons)
    P_json("find_applicant_consents empty array", "find_applicant_consents", [])
    P_err("find_applicant 401", "find_applicant", 401, "authorization_error",
          "Authorization error: please re-check your credentials")
    P_err("create_applicant 403", "create_applicant", 403, "forbidden",
          "You do not have access to this resource")
    P_err("find_applicant 404", "find_applicant", 404, "resource_not_found", "The resource could not be found")
    P_err("find_applicant 410 gone", "find_applicant", 410, "gone", "The resource has been deleted")
    P_err("create_applicant 422 validation_error with fields", "create_applicant", 422, "validation_error",
          "There was a validation error on this request",
          fields={"dob": {"messages": ["must be a valid date"]}, "first_name": ["can't be blank"]},
          exp_fields={"dob": ["must be a valid date"], "first_name": ["can't be blank"]})
    P_err("list_applicants 429 with Retry-After", "list_applicants", 429, "rate_limit",
          "Rate limit exceeded. Please try again later.", headers={"Retry-After": "30"}, retry_after=30)
    P_err("restore_applicant 500", "restore_applicant", 500, "internal_server_error", "Something went wrong")


# ================================================================ documents
DOCUMENT = {"id": DOC, "created_at": TS, "href": "/v3.6/documents/" + DOC,
            "download_href": "/v3.6/documents/%s/download" % DOC, "file_name": "passport.png",
            "file_size": 4096, "file_type": "png", "type": "passport", "side": "front",
            "issuing_country": "GBR", "applicant_id": APP}


def documents():
    GROUP[0] = "documents"
    op = "upload_document"
    f = png(4096, "passport")
    B("upload_document passport PNG", op,
      {"applicant_id": APP, "type": "passport", "file": file_in("passport.png", f)}, "POST", "documents",
      multipart=[file_part("passport.png", f, "image/png"), {"name": "applicant_id", "text": APP},
                 {"name": "type", "text": "passport"}])
    f = jpeg(2048, "dl-front")
    B("upload_document JPEG at exactly the 2048 byte minimum, all optional fields", op,
      {"applicant_id": APP, "type": "driving_licence", "side": "front", "issuing_country": "GBR",
       "validate_image_quality": True, "file_type": "jpg",
       "location": {"ip_address": "127.0.0.1", "country_of_residence": "GBR"},
       "file": file_in("licence_front.jpg", f)}, "POST", "documents",
      multipart=[file_part("licence_front.jpg", f, "image/jpeg"), {"name": "applicant_id", "text": APP},
                 {"name": "type", "text": "driving_licence"}, {"name": "side", "text": "front"},
                 {"name": "issuing_country", "text": "GBR"}, {"name": "validate_image_quality", "text": "true"},
                 {"name": "file_type", "text": "jpg"},
                 {"name": "location", "text": '{"country_of_residence":"GBR","ip_address":"127.0.0.1"}'}])
    f = pdf(2048, "statement")
    B("upload_document PDF bank statement at exactly 2048 bytes", op,
      {"applicant_id": APP, "type": "bank_statement", "file": file_in("statement.pdf", f)}, "POST", "documents",
      multipart=[file_part("statement.pdf", f, "application/pdf"), {"name": "applicant_id", "text": APP},
                 {"name": "type", "text": "bank_statement"}])
    f = jpeg(30000, "id-back")
    B("upload_document national_identity_card back, validate_image_quality false, us region", op,
      {"applicant_id": APP, "type": "national_identity_card", "side": "back", "validate_image_quality": False,
       "issuing_country": "USA", "file": file_in("id_back.jpeg", f)}, "POST", "documents", region="us",
      multipart=[file_part("id_back.jpeg", f, "image/jpeg"), {"name": "applicant_id", "text": APP},
                 {"name": "type", "text": "national_identity_card"}, {"name": "side", "text": "back"},
                 {"name": "validate_image_quality", "text": "false"}, {"name": "issuing_country", "text": "USA"}])
    f = png(5000, "loc")
    B("upload_document location with only country_of_residence", op,
      {"applicant_id": APP, "type": "residence_permit", "location": {"country_of_residence": "FRA"},
       "file": file_in("permit.png", f)}, "POST", "documents",
      multipart=[file_part("permit.png", f, "image/png"), {"name": "applicant_id", "text": APP},
                 {"name": "type", "text": "residence_permit"},
                 {"name": "location", "text": '{"country_of_residence":"FRA"}'}])
    ok_in = {"applicant_id": APP, "type": "passport", "file": file_in("passport.png", png(4096, "passport"))}
    BE("upload_document PNG one byte under the minimum (2047) refused", op,
       dict(ok_in, file=file_in("small.png", png(2047, "small"))), ["file"])
    BE("upload_document PDF one byte under the minimum (2047) refused", op,
       dict(ok_in, file=file_in("small.pdf", pdf(2047, "small"))), ["file"])
    BE("upload_document GIF bytes refused", op, dict(ok_in, file=file_in("passport.gif", gif(4096))), ["file"])
    BE("upload_document random bytes refused", op, dict(ok_in, file=file_in("passport.bin", rnd(4096))), ["file"])
    BE("upload_document empty file refused", op, dict(ok_in, file=file_in("empty.png", b"")), ["file"])
    BE("upload_document without file", op, {"applicant_id": APP, "type": "passport"}, ["file"])
    BE("upload_document without type", op, {"applicant_id": APP, "file": ok_in["file"]}, ["type"])
    BE("upload_document without applicant_id", op, {"type": "passport", "file": ok_in["file"]}, ["applicant_id"])
    BE("upload_document applicant_id not a uuid", op, dict(ok_in, applicant_id="applicant-1"), ["applicant_id"])
    BE("upload_document type not in the document_types enum", op, dict(ok_in, type="library_card"), ["type"])
    BE("upload_document side left refused", op, dict(ok_in, side="left"), ["side"])
    BE("upload_document issuing_country GB refused", op, dict(ok_in, issuing_country="GB"), ["issuing_country"])
    BE("upload_document location.country_of_residence XXX refused", op,
       dict(ok_in, location={"country_of_residence": "XXX"}), ["location.country_of_residence"])
    BE("upload_document validate_image_quality as a string refused", op,
       dict(ok_in, validate_image_quality="true"), ["validate_image_quality"])
    BE("upload_document unknown field refused", op, dict(ok_in, colour="blue"), ["colour"])

    op = "list_documents"
    B("list_documents by applicant_id", op, {"applicant_id": APP}, "GET", "documents", query="applicant_id=" + APP)
    BE("list_documents without applicant_id (required query)", op, {}, ["applicant_id"])
    bad_uuid_cases(op, {}, "applicant_id", count=1)
    for op, suffix in [("find_document", ""), ("download_document", "/download"), ("download_nfc_face", "/nfc_face")]:
        B(op, op, {"document_id": DOC}, "GET", "documents/" + DOC + suffix)
        bad_uuid_cases(op, {}, "document_id", count=2)
    B("download_nfc_face in the us region", "download_nfc_face", {"document_id": DOC}, "GET",
      "documents/%s/nfc_face" % DOC, region="us")
    op = "download_document_video"
    B("download_document_video with a uuid document_id", op, {"document_id": DOC}, "GET",
      "documents/%s/video/download" % DOC)
    B("download_document_video free-text document_id is percent-encoded", op, {"document_id": "video 1/a"},
      "GET", "documents/video%201%2Fa/video/download")
    B("download_document_video non-uuid token", op, {"document_id": "doc_123"}, "GET",
      "documents/doc_123/video/download")
    BE("download_document_video empty document_id refused", op, {"document_id": ""}, ["document_id"])
    BE("download_document_video document_id '..' refused", op, {"document_id": ".."}, ["document_id"])
    BE("download_document_video document_id '.' refused", op, {"document_id": "."}, ["document_id"])

    # ---- parse
    P_json("upload_document 201", "upload_document", DOCUMENT, status=201)
    P_json("find_document 200", "find_document", DOCUMENT)
    P_json("find_document keeps an unknown type value and unknown fields", "find_document",
           dict(DOCUMENT, type="future_document_type", new_field=True))
    P("find_document file_size as a string is a decode error", "find_document", 200,
      dict(DOCUMENT, file_size="4096"), error={"kind": "decode"})
    P_json("list_documents two documents", "list_documents",
           {"documents": [DOCUMENT, dict(DOCUMENT, id=DOC2, side="back", file_name="passport_back.png")]})
    P_json("list_documents empty", "list_documents", {"documents": []})
    d = png(1200, "dl")
    P_download("download_document PNG", "download_document", d, "image/png", "passport.png")
    d = jpeg(900, "nfc")
    P_download("download_nfc_face JPEG", "download_nfc_face", d, "image/jpeg", "nfc_face.jpg")
    d = b"\x00\x00\x00\x18ftypmp42" + filler(1000, "video")
    P_download("download_document_video mp4", "download_document_video", d, "video/mp4", "document_video.mp4")
    P_err("download_document 404 JSON error instead of bytes", "download_document", 404, "resource_not_found",
          "The resource could not be found")
    P_err("upload_document 422 validation_error", "upload_document", 422, "validation_error",
          "There was a validation error on this request", fields={"file": ["is too small"]},
          exp_fields={"file": ["is too small"]})
    P_err("upload_document 422 with fields as {messages}", "upload_document", 422, "validation_error",
          "There was a validation error on this request",
          fields={"type": {"messages": ["is not included in the list"]}},
          exp_fields={"type": ["is not included in the list"]})
    P_err("download_nfc_face 404", "download_nfc_face", 404, "resource_not_found", "NFC face not found")
    P_err("list_documents 401", "list_documents", 401, "authorization_error",
          "Authorization error: please re-check your credentials")


# ================================================================ media
def media_obj(kind, mid, fname, ftype, size, extra=None):
    o = {"id": mid, "created_at": TS, "href": "/v3.6/%s/%s" % (kind, mid),
         "download_href": "/v3.6/%s/%s/download" % (kind, mid), "file_name": fname, "file_type": ftype,
         "file_size": size}
    o.update(extra or {})
    return o


LIVE_PHOTO = media_obj("live_photos", LPH, "selfie.jpg", "image/jpeg", 34000)
LIVE_VIDEO = media_obj("live_videos", LVI, "live_video.mp4", "video/mp4", 1234567,
                       {"challenge": [{"type": "recite", "query": [1, 2, 3]},
                                      {"type": "movement", "query": "turnLeft"}]})
MOTION = media_obj("motion_captures", MOC, "motion.mp4", "video/mp4", 2345678)
ID_PHOTO = media_obj("id_photos", IDP, "id_photo.png", "image/png", 40000)


def media():
    GROUP[0] = "media"
    for op, name, lo in [("upload_live_photo", "live_photos", "live photo"), ("upload_id_photo", "id_photos", "ID photo")]:
        f = jpeg(32768, op)
        B("%s JPEG at exactly the 32768 byte minimum" % op, op,
          {"applicant_id": APP, "file": file_in("selfie.jpg", f)}, "POST", name,
          multipart=[file_part("selfie.jpg", f, "image/jpeg"), {"name": "applicant_id", "text": APP}])
        f = png(36000, op)
        B("%s PNG" % op, op, {"applicant_id": APP, "file": file_in("face.png", f)}, "POST", name,
          multipart=[file_part("face.png", f, "image/png"), {"name": "applicant_id", "text": APP}])
        f = pdf(33000, op)
        B("%s PDF accepted (v3 allows pdf)" % op, op, {"applicant_id": APP, "file": file_in("face.pdf", f)},
          "POST", name, multipart=[file_part("face.pdf", f, "application/pdf"), {"name": "applicant_id", "text": APP}],
          region="ca")
        ok_in = {"applicant_id": APP, "file": file_in("selfie.jpg", jpeg(32768, op))}
        BE("%s one byte under the minimum (32767) refused" % op, op,
           dict(ok_in, file=file_in("selfie.jpg", jpeg(32767, op))), ["file"])
        BE("%s 4 KB PNG refused (fine for documents, too small here)" % op, op,
           dict(ok_in, file=file_in("small.png", png(4096, op))), ["file"])
        BE("%s GIF refused" % op, op, dict(ok_in, file=file_in("face.gif", gif(33000))), ["file"])
        BE("%s random bytes refused" % op, op, dict(ok_in, file=file_in("face.bin", rnd(33000, op))), ["file"])
        BE("%s without applicant_id" % op, op, {"file": ok_in["file"]}, ["applicant_id"])
        BE("%s without file" % op, op, {"applicant_id": APP}, ["file"])
        BE("%s applicant_id not a uuid" % op, op, dict(ok_in, applicant_id="abc"), ["applicant_id"])
    op = "upload_live_photo"
    f = jpeg(33000, "adv")
    B("upload_live_photo advanced_validation false", op,
      {"applicant_id": APP, "advanced_validation": False, "file": file_in("selfie.jpeg", f)}, "POST", "live_photos",
      multipart=[file_part("selfie.jpeg", f, "image/jpeg"), {"name": "applicant_id", "text": APP},
                 {"name": "advanced_validation", "text": "false"}])
    B("upload_live_photo advanced_validation true", op,
      {"applicant_id": APP, "advanced_validation": True, "file": file_in("selfie.jpeg", f)}, "POST", "live_photos",
      multipart=[file_part("selfie.jpeg", f, "image/jpeg"), {"name": "applicant_id", "text": APP},
                 {"name": "advanced_validation", "text": "true"}], region="us")
    BE("upload_live_photo advanced_validation as text refused", op,
       {"applicant_id": APP, "advanced_validation": "no", "file": file_in("selfie.jpeg", f)}, ["advanced_validation"])
    BE("upload_id_photo advanced_validation is not a field of id photos", "upload_id_photo",
       {"applicant_id": APP, "advanced_validation": True, "file": file_in("selfie.jpeg", f)}, ["advanced_validation"])

    for coll, pid, mid, ops in [
        ("live_photos", "live_photo_id", LPH, ["list_live_photos", "find_live_photo", "download_live_photo"]),
        ("live_videos", "live_video_id", LVI, ["list_live_videos", "find_live_video", "download_live_video",
                                               "download_live_video_frame"]),
        ("motion_captures", "motion_capture_id", MOC, ["list_motion_captures", "find_motion_capture",
                                                       "download_motion_capture", "download_motion_capture_frame"]),
        ("id_photos", "id_photo_id", IDP, ["list_id_photos", "find_id_photo", "download_id_photo"])]:
        for op in ops:
            if op.startswith("list_"):
                B(op, op, {"applicant_id": APP}, "GET", coll, query="applicant_id=" + APP)
                BE("%s without applicant_id" % op, op, {}, ["applicant_id"])
                bad_uuid_cases(op, {}, "applicant_id", count=1)
            else:
                suffix = {"find": "", "download": "/download"}.get(op.split("_")[0], "")
                if op.endswith("_frame"):
                    suffix = "/frame"
                B(op, op, {pid: mid}, "GET", "%s/%s%s" % (coll, mid, suffix))
                bad_uuid_cases(op, {}, pid, count=1)
                BE("%s named with the wrong path param (id)" % op, op, {"id": mid}, [pid])
    B("find_motion_capture in the ca region", "find_motion_capture", {"motion_capture_id": MOC}, "GET",
      "motion_captures/" + MOC, region="ca")

    # ---- parse
    P_json("upload_live_photo 201", "upload_live_photo", LIVE_PHOTO, status=201)
    P_json("find_live_photo 200", "find_live_photo", LIVE_PHOTO)
    P_json("list_live_photos", "list_live_photos", {"live_photos": [LIVE_PHOTO]})
    P_json("list_live_photos empty", "list_live_photos", {"live_photos": []})
    P_json("find_live_video with challenge", "find_live_video", LIVE_VIDEO)
    P_json("list_live_videos", "list_live_videos", {"live_videos": [LIVE_VIDEO, dict(LIVE_VIDEO, challenge=[])]})
    P_json("find_motion_capture", "find_motion_capture", MOTION)
    P_json("list_motion_captures", "list_motion_captures", {"motion_captures": [MOTION]})
    P_json("upload_id_photo 201", "upload_id_photo", ID_PHOTO, status=201)
    P_json("find_id_photo", "find_id_photo", ID_PHOTO)
    P_json("list_id_photos", "list_id_photos", {"id_photos": [ID_PHOTO, dict(ID_PHOTO, id=DOC2)]})
    P("find_live_video challenge as a string is a decode error", "find_live_video", 200,
      dict(LIVE_VIDEO, challenge="recite"), error={"kind": "decode"})
    P("list_live_photos live_photos as an object is a decode error", "list_live_photos", 200,
      {"live_photos": {"id": LPH}}, error={"kind": "decode"})
    P_download("download_live_photo JPEG", "download_live_photo", jpeg(700, "lp"), "image/jpeg", "selfie.jpg")
    P_download("download_live_video mp4", "download_live_video", b"\x00\x00\x00\x18ftypmp42" + filler(800, "lv"),
               "video/mp4", "live_video.mp4")
    P_download("download_live_video_frame JPEG", "download_live_video_frame", jpeg(600, "frame"), "image/jpeg",
               "frame.jpg")
    P_download("download_motion_capture mp4", "download_motion_capture",
               b"\x00\x00\x00\x18ftypmp42" + filler(900, "mc"), "video/mp4", "motion.mp4")
    P_download("download_motion_capture_frame JPEG", "download_motion_capture_frame", jpeg(650, "mcf"),
               "image/jpeg", "motion_frame.jpg")
    P_download("download_id_photo PNG (unquoted filename)", "download_id_photo", png(500, "idp"), "image/png",
               "id_photo.png", disposition="attachment; filename=id_photo.png")
    P_download("download_live_photo filename* UTF-8 wins", "download_live_photo", jpeg(300, "utf"), "image/jpeg",
               "selfie_é.jpg", disposition="attachment; filename=\"selfie_e.jpg\"; filename*=UTF-8''selfie_%C3%A9.jpg")
    P_err("upload_live_photo 422 no face", "upload_live_photo", 422, "validation_error",
          "There was a validation error on this request", fields={"face_detection": ["Face not detected"]},
          exp_fields={"face_detection": ["Face not detected"]})
    P_err("find_live_video 404", "find_live_video", 404, "resource_not_found", "The resource could not be found")
    P_err("download_motion_capture 410", "download_motion_capture", 410, "gone", "The media has been deleted")
    P_err("list_id_photos 429", "list_id_photos", 429, "rate_limit", "Rate limit exceeded",
          headers={"Retry-After": "5"}, retry_after=5)


# ================================================================ checks and reports
CHECK = {"id": CHK, "created_at": TS, "href": "/v3.6/checks/" + CHK, "status": "in_progress", "result": "clear",
         "applicant_id": APP, "applicant_provides_data": False, "tags": ["onboarding"], "report_ids": [REP, REP2],
         "results_uri": "https://dashboard.onfido.com/checks/" + CHK, "form_uri": None, "redirect_uri": None,
         "sandbox": True, "paused": False, "version": "3.6", "webhook_ids": [WHK],
         "privacy_notices_read_consent_given": True}
REPORT_NAMES = ["document", "document_video", "document_video_with_address_information",
                "document_with_address_information", "document_with_driving_licence_information",
                "document_with_driver_verification", "facial_similarity_photo", "facial_similarity_photo_fully_auto",
                "facial_similarity_video", "facial_similarity_motion", "known_faces", "identity_enhanced",
                "watchlist_aml", "watchlist_enhanced", "watchlist_standard", "watchlist_peps_only",
                "watchlist_sanctions_only", "proof_of_address", "us_driving_licence", "device_intelligence",
                "india_pan"]


def leaf(r="clear"):
    return {"result": r}


def report_body(name):
    r = {"id": REP, "created_at": TS, "href": "/v3.6/reports/" + REP, "status": "complete", "result": "clear",
         "sub_result": None, "check_id": CHK, "name": name}
    if name.startswith("document"):
        r["sub_result"] = "clear"
        r["documents"] = [{"id": DOC}, {"id": DOC2}]
        r["breakdown"] = {
            "data_comparison": {"result": "clear", "breakdown": {"issuing_country": leaf(), "first_name": leaf()}},
            "data_validation": {"result": "clear", "breakdown": {"expiry_date": {"result": "clear", "properties": {}},
                                                                 "document_numbers": leaf()}},
            "image_integrity": {"result": "clear", "breakdown": {"image_quality": leaf(),
                                                                 "supported_document": leaf()}},
            "visual_authenticity": {"result": "clear", "breakdown": {"fonts": leaf(), "template": leaf()}},
            "data_consistency": {"result": "clear", "breakdown": {"date_of_birth": leaf()}},
            "police_record": leaf(),
            "compromised_document": {"result": "clear"},
            "age_validation": {"result": "clear", "breakdown": {"minimum_accepted_age": leaf()}},
            "issuing_authority": {"result": "clear", "breakdown": {"nfc_active_authentication": leaf(),
                                                                   "nfc_passive_authentication": leaf()}}}
        r["properties"] = {"document_type": "passport", "issuing_country": "GBR", "first_name": "Jane",
                           "last_name": "Doe", "date_of_birth": "1990-01-31", "date_of_expiry": "2031-01-01",
                           "document_numbers": [{"type": "document_number", "value": "123456789"}],
                           "nationality": "GBR", "gender": "Female"}
        if name == "document_with_driving_licence_information":
            r["properties"]["driving_licence_information"] = [{"category": "B", "obtainment_date": "2010-01-01"}]
        if name == "document_with_driver_verification":
            r["properties"]["passenger_vehicle"] = {"is_passenger_vehicle": True}
    elif name.startswith("facial_similarity"):
        r["documents"] = [{"id": DOC}]
        media_key = {"facial_similarity_video": "live_videos", "facial_similarity_motion": "motion_captures"}.get(
            name, "live_photos")
        r[media_key] = [{"id": {"live_videos": LVI, "motion_captures": MOC}.get(media_key, LPH)}]
        r["breakdown"] = {"face_comparison": {"result": "clear",
                                              "breakdown": {"face_match": {"result": "clear",
                                                                           "properties": {"score": 0.93}}}},
                          "image_integrity": {"result": "clear", "breakdown": {"face_detected": leaf(),
                                                                               "source_integrity": leaf()}},
                          "visual_authenticity": {"result": "clear",
                                                  "breakdown": {"spoofing_detection": {"result": "clear",
                                                                                       "properties": {"score": 0.99}}}}}
        if name == "facial_similarity_photo_fully_auto":
            r["breakdown"] = {"image_integrity": {"result": "clear", "breakdown": {"source_integrity": leaf()}}}
        r["properties"] = {"score": 0.93}
    elif name == "known_faces":
        r["live_photos"] = [{"id": LPH}]
        r["result"] = "consider"
        r["breakdown"] = {"previously_seen_faces": {"result": "consider"}, "image_integrity": leaf()}
        r["properties"] = {"matches": [{"applicant_id": APP2, "score": 0.98, "media_id": LPH,
                                        "media_type": "live_photos", "suspected": True}]}
    elif name == "identity_enhanced":
        r["breakdown"] = {"sources": {"result": "clear", "breakdown": {"total_sources": {
            "result": "clear", "properties": {"total_number_of_sources": "3"}}}},
            "address": {"result": "clear", "breakdown": {"credit_agencies": {"result": "clear",
                                                                             "properties": {"number_of_matches": "1"}}}},
            "date_of_birth": {"result": "clear", "breakdown": {"credit_agencies": {"result": "clear"}}},
            "mortality": leaf()}
        r["properties"] = {"matched_address": 19099121,
                           "matched_addresses": [{"id": 19099121, "match_types": ["credit_agencies"]}]}
    elif name.startswith("watchlist"):
        r["breakdown"] = {"sanction": leaf(), "politically_exposed_person": leaf(),
                          "legal_and_regulatory_warnings": leaf(), "adverse_media": leaf()}
        r["properties"] = {"records": []}
        if name != "watchlist_aml":
            r["breakdown"] = {"sanction": leaf(), "politically_exposed_person": leaf(),
                              "legal_and_regulatory_warnings": leaf()}
    elif name == "proof_of_address":
        r["documents"] = [{"id": DOC}]
        r["breakdown"] = {"data_comparison": {"result": "clear", "breakdown": {"address": leaf(), "first_name": leaf()}},
                          "document_classification": {"result": "clear"}, "image_integrity": {"result": "clear"}}
        r["properties"] = {"address": "100 Main Street, London SW4 6EH", "document_type": "utility_bill",
                           "first_names": "Jane", "last_names": "Doe", "issue_date": "2024-04-01",
                           "issuer": "Thames Water"}
    elif name == "us_driving_licence":
        r["breakdown"] = {"document": {"result": "clear", "breakdown": {"document_number": leaf()}},
                          "address": {"result": "clear", "breakdown": {"city": leaf()}},
                          "personal": {"result": "clear", "breakdown": {"last_name": leaf()}}}
        r["properties"] = {}
    elif name == "device_intelligence":
        r["breakdown"] = {"device": {"result": "clear", "breakdown": {"application_authenticity": leaf()}}}
        r["properties"] = {"device": {"sdk_version": "14.0.0", "authentication_type": "token"},
                           "ip": {"address": "127.0.0.1"}, "geolocation": {"country": "GBR", "city": "London"}}
    elif name == "india_pan":
        r["breakdown"] = {"device": {"result": "clear", "breakdown": {"pan_valid": leaf()}}}
        r["properties"] = {"device": {"pan": "ABCDE1234F", "full_name": "JANE DOE"}}
    return r


def checks_reports():
    GROUP[0] = "checks_reports"
    op = "create_check"
    b = {"applicant_id": APP, "report_names": ["document", "facial_similarity_photo"]}
    B("create_check document + facial_similarity_photo", op, b, "POST", "checks", json_=b)
    b = {"applicant_id": APP, "report_names": ["document", "identity_enhanced", "watchlist_standard"],
         "document_ids": [DOC, DOC2], "asynchronous": False, "applicant_provides_data": False,
         "tags": ["onboarding", "vip"], "webhook_ids": [WHK], "suppress_form_emails": True,
         "privacy_notices_read_consent_given": True, "redirect_uri": "https://example.com/done",
         "consider": ["identity_enhanced"], "sub_result": "rejected"}
    B("create_check with every optional scalar and list", op, b, "POST", "checks", json_=b)
    b = {"applicant_id": APP, "report_names": ["us_driving_licence"],
         "us_driving_licence": {"id_number": "D1234567", "issue_state": "CA", "date_of_birth": "1985-12-01",
                                "eye_color_code": "BRO", "document_category": "driver license",
                                "weight_measure": 150}}
    B("create_check us_driving_licence in the us region", op, b, "POST", "checks", json_=b, region="us")
    b = {"applicant_id": APP, "report_names": ["facial_similarity_photo"],
         "report_configuration": {"facial_similarity_photo": {"use_case": "reverification"}}}
    B("create_check report_configuration use_case reverification", op, b, "POST", "checks", json_=b)
    b = {"applicant_id": APP, "report_names": list(REPORT_NAMES)}
    B("create_check with all 21 report names", op, b, "POST", "checks", json_=b)
    b = {"applicant_id": APP, "report_names": ["document"], "applicant_provides_data": True}
    B("create_check applicant_provides_data true", op, b, "POST", "checks", json_=b, region="ca")
    base_in = {"applicant_id": APP, "report_names": ["document"]}
    BE("create_check without report_names", op, {"applicant_id": APP}, ["report_names"])
    BE("create_check without applicant_id", op, {"report_names": ["document"]}, ["applicant_id"])
    BE("create_check report_names[0] document_x not in the enum", op, dict(base_in, report_names=["document_x"]),
       ["report_names[0]"])
    BE("create_check report_names[1] v2 name facial_similarity refused", op,
       dict(base_in, report_names=["document", "facial_similarity"]), ["report_names[1]"])
    BE("create_check report_names[0] v3.4 name photo_fully_auto refused", op,
       dict(base_in, report_names=["photo_fully_auto"]), ["report_names[0]"])
    BE("create_check report_names as a string refused", op, dict(base_in, report_names="document"), ["report_names"])
    BE("create_check applicant_id not a uuid", op, dict(base_in, applicant_id="1030303-123123-123123"),
       ["applicant_id"])
    BE("create_check document_ids[1] not a uuid", op, dict(base_in, document_ids=[DOC, "doc-2"]), ["document_ids[1]"])
    BE("create_check consider[0] unknown report name", op, dict(base_in, consider=["watchlist"]), ["consider[0]"])
    BE("create_check asynchronous as a string", op, dict(base_in, asynchronous="false"), ["asynchronous"])
    BE("create_check us_driving_licence without issue_state", op,
       dict(base_in, us_driving_licence={"id_number": "D1"}), ["us_driving_licence.issue_state"])
    BE("create_check us_driving_licence.issue_state lower-case breaks ^[A-Z]{2}$", op,
       dict(base_in, us_driving_licence={"id_number": "D1", "issue_state": "ca"}), ["us_driving_licence.issue_state"])
    BE("create_check us_driving_licence.date_of_birth not a real date", op,
       dict(base_in, us_driving_licence={"id_number": "D1", "issue_state": "CA", "date_of_birth": "1985-02-30"}),
       ["us_driving_licence.date_of_birth"])
    BE("create_check us_driving_licence.eye_color_code not in enum", op,
       dict(base_in, us_driving_licence={"id_number": "D1", "issue_state": "CA", "eye_color_code": "RED"}),
       ["us_driving_licence.eye_color_code"])
    BE("create_check report_configuration use_case not in enum", op,
       dict(base_in, report_configuration={"facial_similarity_photo": {"use_case": "login"}}),
       ["report_configuration.facial_similarity_photo.use_case"])
    BE("create_check v2 field type refused", op, dict(base_in, type="standard"), ["type"])
    BE("create_check tags[0] as a number", op, dict(base_in, tags=[1]), ["tags[0]"])

    op = "list_checks"
    B("list_checks by applicant_id", op, {"applicant_id": APP}, "GET", "checks", query="applicant_id=" + APP)
    BE("list_checks without applicant_id", op, {}, ["applicant_id"])
    for op, suffix, m in [("find_check", "", "GET"), ("resume_check", "/resume", "POST"),
                          ("download_check", "/download", "GET")]:
        B(op, op, {"check_id": CHK}, m, "checks/" + CHK + suffix)
        bad_uuid_cases(op, {}, "check_id", count=2)
    op = "list_reports"
    B("list_reports by check_id", op, {"check_id": CHK}, "GET", "reports", query="check_id=" + CHK)
    BE("list_reports without check_id", op, {}, ["check_id"])
    bad_uuid_cases(op, {}, "check_id", count=1)
    for op, suffix, m in [("find_report", "", "GET"), ("resume_report", "/resume", "POST"),
                          ("cancel_report", "/cancel", "POST")]:
        B(op, op, {"report_id": REP}, m, "reports/" + REP + suffix)
        bad_uuid_cases(op, {}, "report_id", count=2)
    BE("find_report given a check_id instead of report_id", "find_report", {"check_id": CHK}, ["report_id"])

    # ---- parse
    P_json("create_check 201", "create_check", CHECK, status=201)
    P_json("find_check 200 awaiting_applicant", "find_check",
           dict(CHECK, status="awaiting_applicant", result=None, form_uri="https://id.onfido.com/form/abc"))
    P_json("find_check unknown status kept", "find_check", dict(CHECK, status="future_status"))
    P_json("list_checks", "list_checks", {"checks": [CHECK]})
    P_json("list_checks empty", "list_checks", {"checks": []})
    P("find_check report_ids as a string is a decode error", "find_check", 200, dict(CHECK, report_ids=REP),
      error={"kind": "decode"})
    P("find_check paused as a string is a decode error", "find_check", 200, dict(CHECK, paused="no"),
      error={"kind": "decode"})
    P_empty("resume_check 204", "resume_check")
    P_empty("resume_report 204", "resume_report")
    P_empty("cancel_report 204", "cancel_report")
    P_download("download_check PDF", "download_check", pdf(3000, "check"), "application/pdf", "check.pdf")
    for n in REPORT_NAMES:
        P_json("find_report %s" % n, "find_report", report_body(n))
    P_json("find_report unknown name future_report kept whole", "find_report",
           {"id": REP, "name": "future_report", "status": "complete", "result": "clear", "check_id": CHK,
            "breakdown": {"novel": {"result": "clear", "score": 3}}, "properties": {"z": [1, {"y": 2}]},
            "something_else": True})
    P_json("find_report document breakdown of unexpected shape read back", "find_report",
           dict(report_body("document"), breakdown={"x": 5}))
    P_json("find_report watchlist properties of unexpected shape read back", "find_report",
           dict(report_body("watchlist_standard"), properties="weird"))
    P_json("find_report awaiting_data with nulls", "find_report",
           {"id": REP, "name": "document", "status": "awaiting_data", "result": None, "sub_result": None,
            "check_id": CHK, "created_at": TS, "breakdown": {}, "properties": {}, "documents": []})
    P_json("find_report unknown result value kept", "find_report", dict(report_body("identity_enhanced"),
                                                                        result="future_result"))
    P("find_report id of the wrong type is a decode error", "find_report", 200,
      dict(report_body("document"), id=12), error={"kind": "decode"})
    P_json("list_reports mixes report kinds", "list_reports",
           {"reports": [report_body("document"), report_body("facial_similarity_photo"),
                        {"id": REP2, "name": "future_report", "status": "complete"}]})
    P_err("create_check 422 validation_error with fields", "create_check", 422, "validation_error",
          "There was a validation error on this request", fields={"report_names": ["is invalid"]},
          exp_fields={"report_names": ["is invalid"]})
    P_err("find_check 404", "find_check", 404, "resource_not_found", "The resource could not be found")
    P_err("download_check 404", "download_check", 404, "resource_not_found", "The resource could not be found")
    P_err("cancel_report 422 on a 204 operation", "cancel_report", 422, "validation_error", "Report is not paused",
          fields={"status": ["must be paused"]}, exp_fields={"status": ["must be paused"]})
    P_err("find_report 401", "find_report", 401, "authorization_error", "Authorization error")
    P_err("list_checks 500", "list_checks", 500, "internal_server_error", "Internal server error")


# ================================================================ webhooks
WEBHOOK = {"id": WHK, "name": "Main hook", "url": "https://example.com/onfido/webhook", "token": "whk_secret_tok",
           "href": "/v3.6/webhooks/" + WHK, "enabled": True, "environments": ["sandbox"],
           "events": ["check.completed", "report.completed", "workflow_run.completed"], "payload_version": 2,
           "oauth_enabled": False}


def webhooks():
    GROUP[0] = "webhooks"
    op = "create_webhook"
    b = {"url": "https://example.com/onfido/webhook"}
    B("create_webhook url only", op, b, "POST", "webhooks", json_=b)
    b = {"url": "https://example.com/onfido/webhook", "name": "Main hook", "enabled": True,
         "environments": ["sandbox", "live"], "events": ["check.completed", "report.completed",
                                                         "workflow_task.started", "audit_log.created"],
         "payload_version": 2}
    B("create_webhook with name, events, environments, payload_version", op, b, "POST", "webhooks", json_=b)
    b = {"url": "https://example.com/hook", "oauth_enabled": True, "oauth_server_url": "https://auth.example.com/token",
         "oauth_server_client_id": "client-1", "oauth_server_client_secret": "s3cr3t", "oauth_server_scope": "webhooks"}
    B("create_webhook with OAuth settings", op, b, "POST", "webhooks", json_=b, region="us")
    for u in ["http://127.0.0.1:8080/hook", "http://localhost:3000/onfido", "http://localhost/"]:
        b = {"url": u}
        B("create_webhook plain http allowed for loopback %s" % u, op, b, "POST", "webhooks", json_=b)
    b = {"url": "https://example.com/hook", "events": ["workflow_timeline_file.created",
                                                       "workflow_run_evidence_folder.created",
                                                       "watchlist_monitor.matches_updated"]}
    B("create_webhook workflow and watchlist events", op, b, "POST", "webhooks", json_=b, region="ca")
    BE("create_webhook without url", op, {"events": ["check.completed"]}, ["url"])
    BE("create_webhook plain http to a public host refused", op, {"url": "http://example.com/hook"}, ["url"])
    BE("create_webhook ftp url refused", op, {"url": "ftp://example.com/hook"}, ["url"])
    BE("create_webhook url that is not a URL refused", op, {"url": "not a url"}, ["url"])
    BE("create_webhook events[0] check.form_opened (v2 only) refused", op,
       {"url": "https://example.com/hook", "events": ["check.form_opened"]}, ["events[0]"])
    BE("create_webhook events[1] unknown", op,
       {"url": "https://example.com/hook", "events": ["check.completed", "check.exploded"]}, ["events[1]"])
    BE("create_webhook payload_version as a string", op, {"url": "https://example.com/hook", "payload_version": "2"},
       ["payload_version"])
    BE("create_webhook enabled as a string", op, {"url": "https://example.com/hook", "enabled": "true"}, ["enabled"])
    BE("create_webhook unknown field", op, {"url": "https://example.com/hook", "secret": "x"}, ["secret"])

    op = "update_webhook"
    b = {"enabled": False}
    B("update_webhook disable only (url not required on update)", op, dict(b, webhook_id=WHK), "PUT",
      "webhooks/" + WHK, json_=b)
    b = {"url": "https://example.com/new", "events": ["check.completed"], "name": "Renamed"}
    B("update_webhook url, events, name", op, dict(b, webhook_id=WHK), "PUT", "webhooks/" + WHK, json_=b)
    BE("update_webhook http url to a public host refused", op, {"webhook_id": WHK, "url": "http://example.com/x"},
       ["url"])
    BE("update_webhook events[0] unknown", op, {"webhook_id": WHK, "events": ["check.nope"]}, ["events[0]"])
    bad_uuid_cases(op, {"enabled": True}, "webhook_id", count=1)
    for op, m in [("find_webhook", "GET"), ("delete_webhook", "DELETE")]:
        B(op, op, {"webhook_id": WHK}, m, "webhooks/" + WHK)
        bad_uuid_cases(op, {}, "webhook_id", count=2)
    B("list_webhooks", "list_webhooks", {}, "GET", "webhooks")
    B("list_webhooks in the us region", "list_webhooks", {}, "GET", "webhooks", region="us")
    BE("list_webhooks unknown parameter", "list_webhooks", {"page": 1}, ["page"])
    op = "resend_webhooks"
    b = {"data": [{"resource_id": CHK, "event": "check.completed"},
                  {"resource_id": WFR, "event": "workflow_run.completed"}]}
    B("resend_webhooks two items", op, b, "POST", "webhooks/resend", json_=b)
    b = {"data": []}
    B("resend_webhooks empty data list", op, b, "POST", "webhooks/resend", json_=b)
    BE("resend_webhooks data[0].resource_id not a uuid", op, {"data": [{"resource_id": "abc",
                                                                         "event": "check.completed"}]},
       ["data[0].resource_id"])
    BE("resend_webhooks data[1].event unknown", op,
       {"data": [{"resource_id": CHK, "event": "check.completed"}, {"resource_id": CHK, "event": "check.lost"}]},
       ["data[1].event"])
    BE("resend_webhooks data[0] without event", op, {"data": [{"resource_id": CHK}]}, ["data[0].event"])
    BE("resend_webhooks data as an object", op, {"data": {"resource_id": CHK, "event": "check.completed"}}, ["data"])

    # ---- parse
    P_json("create_webhook 201", "create_webhook", WEBHOOK, status=201)
    P_json("find_webhook 200", "find_webhook", WEBHOOK)
    P_json("update_webhook 200", "update_webhook", dict(WEBHOOK, enabled=False))
    P_json("find_webhook unknown event kept", "find_webhook", dict(WEBHOOK, events=["check.completed", "future.event"]))
    P_json("list_webhooks", "list_webhooks", {"webhooks": [WEBHOOK, dict(WEBHOOK, id=WFL, name="Second")]})
    P_json("list_webhooks empty", "list_webhooks", {"webhooks": []})
    P("find_webhook enabled as a string is a decode error", "find_webhook", 200, dict(WEBHOOK, enabled="yes"),
      error={"kind": "decode"})
    P("find_webhook events as a string is a decode error", "find_webhook", 200, dict(WEBHOOK, events="check.completed"),
      error={"kind": "decode"})
    P_empty("delete_webhook 204", "delete_webhook")
    P_empty("resend_webhooks 204", "resend_webhooks")
    P("resend_webhooks bare 422 without a body", "resend_webhooks", 422, "", headers={},
      error={"kind": "api", "status": 422})
    P_err("resend_webhooks 422 with an error body", "resend_webhooks", 422, "validation_error",
          "There was a validation error on this request", fields={"data": ["is invalid"]},
          exp_fields={"data": ["is invalid"]})
    P_err("create_webhook 422 url invalid", "create_webhook", 422, "validation_error",
          "There was a validation error on this request", fields={"url": {"messages": ["must be https"]}},
          exp_fields={"url": ["must be https"]})
    P_err("find_webhook 404", "find_webhook", 404, "resource_not_found", "The resource could not be found")
    P_err("delete_webhook 403", "delete_webhook", 403, "forbidden", "Forbidden")


# ================================================================ workflows
WF_RUN = {"id": WFR, "applicant_id": APP, "workflow_id": WFL, "workflow_version_id": 11,
          "dashboard_url": "https://dashboard.onfido.com/results/" + WFR, "status": "approved",
          "output": {"decision": "approved", "score": 0.97}, "reasons": ["all_clear"], "error": None,
          "sdk_token": None, "tags": ["onboarding"], "customer_user_id": "cust-42",
          "link": {"url": "https://eu.onfido.app/l/abc", "completed_redirect_url": None, "expired_redirect_url": None,
                   "expires_at": None, "language": "en_US"},
          "created_at": TS, "updated_at": TS2}
TASK = {"id": "profile_data_1", "workflow_run_id": WFR, "task_def_id": "profile_data", "task_def_version": None,
        "input": {}, "output": {"first_name": "Jane", "last_name": "Doe"}, "created_at": TS, "updated_at": TS2}


def workflows():
    GROUP[0] = "workflows"
    op = "create_workflow_run"
    b = {"workflow_id": WFL, "applicant_id": APP}
    B("create_workflow_run minimal", op, b, "POST", "workflow_runs", json_=b)
    b = {"workflow_id": WFL, "applicant_id": APP, "tags": ["onboarding", "mobile"], "customer_user_id": "cust-42",
         "custom_data": {"age": 30, "nested": {"ok": True}, "list": [1, "two"]},
         "link": {"completed_redirect_url": "https://example.com/done", "expired_redirect_url": "https://example.com/x",
                  "expires_at": "2024-12-31T23:59:59Z", "language": "de_DE"}}
    B("create_workflow_run with tags, custom_data, link", op, b, "POST", "workflow_runs", json_=b)
    b = {"workflow_id": WFL, "applicant_id": APP, "tags": []}
    B("create_workflow_run empty tags list", op, b, "POST", "workflow_runs", json_=b, region="us")
    BE("create_workflow_run without workflow_id", op, {"applicant_id": APP}, ["workflow_id"])
    BE("create_workflow_run without applicant_id", op, {"workflow_id": WFL}, ["applicant_id"])
    BE("create_workflow_run workflow_id not a uuid", op, {"workflow_id": "kyc-flow", "applicant_id": APP},
       ["workflow_id"])
    BE("create_workflow_run link.language xx_XX not in enum", op,
       {"workflow_id": WFL, "applicant_id": APP, "link": {"language": "xx_XX"}}, ["link.language"])
    BE("create_workflow_run custom_data as a string", op,
       {"workflow_id": WFL, "applicant_id": APP, "custom_data": "x"}, ["custom_data"])
    BE("create_workflow_run tags[0] as a number", op, {"workflow_id": WFL, "applicant_id": APP, "tags": [5]},
       ["tags[0]"])
    BE("create_workflow_run 31 tags exceed maxItems 30", op,
       {"workflow_id": WFL, "applicant_id": APP, "tags": ["t%d" % i for i in range(31)]}, ["tags"])
    BE("create_workflow_run empty tag breaks minLength 1", op,
       {"workflow_id": WFL, "applicant_id": APP, "tags": [""]}, ["tags[0]"])
    BE("create_workflow_run customer_user_id over maxLength 256", op,
       {"workflow_id": WFL, "applicant_id": APP, "customer_user_id": "u" * 257}, ["customer_user_id"])

    op = "list_workflow_runs"
    B("list_workflow_runs without filters", op, {}, "GET", "workflow_runs")
    B("list_workflow_runs every filter (status one string, tags repeated)", op,
      {"page": 2, "status": "approved,declined", "created_at_gt": "2024-01-01", "created_at_lt": "2024-06-30",
       "sort": "asc", "applicant_id": APP, "tags": ["vip", "mobile"]}, "GET", "workflow_runs",
      query="page=2&status=approved,declined&created_at_gt=2024-01-01&created_at_lt=2024-06-30&sort=asc"
            "&applicant_id=%s&tags=vip&tags=mobile" % APP)
    B("list_workflow_runs single tag", op, {"tags": ["vip"]}, "GET", "workflow_runs", query="tags=vip")
    BE("list_workflow_runs sort up not in enum", op, {"sort": "up"}, ["sort"])
    BE("list_workflow_runs created_at_gt not a real date", op, {"created_at_gt": "2024-02-30"}, ["created_at_gt"])
    BE("list_workflow_runs applicant_id not a uuid", op, {"applicant_id": "x"}, ["applicant_id"])
    BE("list_workflow_runs per_page is not a parameter here", op, {"per_page": 10}, ["per_page"])
    BE("list_workflow_runs tags as a string", op, {"tags": "vip"}, ["tags"])

    for op, suffix in [("find_workflow_run", ""), ("download_signed_evidence_file", "/signed_evidence_file"),
                       ("download_evidence_folder", "/evidence_folder"), ("list_tasks", "/tasks")]:
        B(op, op, {"workflow_run_id": WFR}, "GET", "workflow_runs/" + WFR + suffix)
        bad_uuid_cases(op, {}, "workflow_run_id", count=1)
    op = "create_timeline_file"
    B(op, op, {"workflow_run_id": WFR}, "POST", "workflow_runs/%s/timeline_file" % WFR)
    bad_uuid_cases(op, {}, "workflow_run_id", count=1)
    op = "find_timeline_file"
    B(op, op, {"workflow_run_id": WFR, "timeline_file_id": TLF}, "GET",
      "workflow_runs/%s/timeline_file/%s" % (WFR, TLF))
    bad_uuid_cases(op, {"workflow_run_id": WFR}, "timeline_file_id", count=1)
    bad_uuid_cases(op, {"timeline_file_id": TLF}, "workflow_run_id", count=1)

    op = "find_task"
    for tid in ["profile_data_1", "document-check-2", "abc"]:
        B("find_task task_id %s" % tid, op, {"workflow_run_id": WFR, "task_id": tid}, "GET",
          "workflow_runs/%s/tasks/%s" % (WFR, tid))
    for tid in ["Profile_1", "task 1", "a/b", "", "task.1"]:
        BE("find_task task_id %r breaks ^[0-9a-z_-]+$" % tid, op, {"workflow_run_id": WFR, "task_id": tid},
           ["task_id"])
    bad_uuid_cases(op, {"task_id": "profile_data_1"}, "workflow_run_id", count=1)
    op = "complete_task"
    b = {"data": {"first_name": "Jane", "approved": True}}
    B("complete_task data object", op, dict(b, workflow_run_id=WFR, task_id="manual_review_1"), "POST",
      "workflow_runs/%s/tasks/manual_review_1/complete" % WFR, json_=b)
    b = {"data": [{"id": DOC, "type": "passport"}, {"id": DOC2}]}
    B("complete_task data array of objects", op, dict(b, workflow_run_id=WFR, task_id="upload_docs"), "POST",
      "workflow_runs/%s/tasks/upload_docs/complete" % WFR, json_=b)
    b = {"data": {}}
    B("complete_task empty data object", op, dict(b, workflow_run_id=WFR, task_id="t1"), "POST",
      "workflow_runs/%s/tasks/t1/complete" % WFR, json_=b, region="ca")
    BE("complete_task without data", op, {"workflow_run_id": WFR, "task_id": "t1"}, ["data"])
    BE("complete_task data as a string", op, {"workflow_run_id": WFR, "task_id": "t1", "data": "yes"}, ["data"])
    BE("complete_task data array of strings", op, {"workflow_run_id": WFR, "task_id": "t1", "data": ["a"]},
       ["data[0]"])
    BE("complete_task task_id upper case", op, {"workflow_run_id": WFR, "task_id": "T1", "data": {}}, ["task_id"])

    for op, idname in [("download_qes_document", "file_id"), ("download_aes_document", "id"),
                       ("download_ses_document", "id")]:
        path = {"download_qes_document": "qualified_electronic_signature/documents",
                "download_aes_document": "advanced_electronic_signature/documents",
                "download_ses_document": "simple_electronic_signature/documents"}[op]
        B(op, op, {"workflow_run_id": WFR, idname: FIL}, "GET", path,
          query="workflow_run_id=%s&%s=%s" % (WFR, idname, FIL))
        BE("%s without %s" % (op, idname), op, {"workflow_run_id": WFR}, [idname])
        BE("%s without workflow_run_id" % op, op, {idname: FIL}, ["workflow_run_id"])
        BE("%s %s not a uuid" % (op, idname), op, {"workflow_run_id": WFR, idname: "file-1"}, [idname])
    BE("download_aes_document given file_id instead of id", "download_aes_document",
       {"workflow_run_id": WFR, "file_id": FIL}, ["file_id"])

    # ---- parse
    P_json("create_workflow_run 201", "create_workflow_run", dict(WF_RUN, status="awaiting_input", output=None,
                                                                 reasons=[], sdk_token="eyJhbGciOi.jwt.sig"),
           status=201)
    P_json("find_workflow_run approved", "find_workflow_run", WF_RUN)
    P_json("find_workflow_run error status with error object", "find_workflow_run",
           dict(WF_RUN, status="error", error={"type": "timeout", "message": "Task timed out"}))
    P_json("find_workflow_run unknown status kept", "find_workflow_run", dict(WF_RUN, status="future_state"))
    P("find_workflow_run workflow_version_id as a string is a decode error", "find_workflow_run", 200,
      dict(WF_RUN, workflow_version_id="11"), error={"kind": "decode"})
    P_json("list_workflow_runs bare array", "list_workflow_runs",
           [WF_RUN, dict(WF_RUN, id=WFL, status="review")])
    P_json("list_workflow_runs empty bare array (last page)", "list_workflow_runs", [])
    P("list_workflow_runs wrapped object is a decode error", "list_workflow_runs", 200, {"workflow_runs": [WF_RUN]},
      error={"kind": "decode"})
    P_json("list_tasks bare array", "list_tasks",
           [{"id": "profile_data_1", "workflow_run_id": WFR, "task_def_id": "profile_data", "task_def_version": None,
             "created_at": TS, "updated_at": TS2},
            {"id": "document_check_2", "workflow_run_id": WFR, "task_def_id": "document_check",
             "task_def_version": "3", "created_at": TS, "updated_at": TS2}])
    P_json("find_task", "find_task", TASK)
    P_json("find_task with null output", "find_task", dict(TASK, output=None))
    P("find_task input as a string is a decode error", "find_task", 200, dict(TASK, input="x"),
      error={"kind": "decode"})
    P_empty("complete_task empty 200", "complete_task", status=200)
    P_json("create_timeline_file 202", "create_timeline_file",
           {"workflow_timeline_file_id": TLF, "href": "/v3.6/workflow_runs/%s/timeline_file/%s" % (WFR, TLF)},
           status=202)
    loc = "https://onfido-files.s3.eu-west-1.amazonaws.com/evidence/%s.pdf?X-Amz-Expires=300&X-Amz-Signature=ab12" % WFR
    P_redirect("download_signed_evidence_file 302", "download_signed_evidence_file", loc)
    P_download("download_signed_evidence_file 200 PDF", "download_signed_evidence_file", pdf(2500, "evidence"),
               "application/pdf", "signed_evidence_file.pdf")
    P_redirect("download_evidence_folder 302", "download_evidence_folder",
               "https://onfido-files.s3.amazonaws.com/folders/%s.zip?sig=1" % WFR)
    P_download("download_evidence_folder 200 zip", "download_evidence_folder",
               b"PK\x03\x04" + filler(1500, "zip"), "application/zip", "evidence_folder.zip")
    P_redirect("find_timeline_file 302", "find_timeline_file", "https://files.example.com/timeline/%s.pdf" % TLF)
    P_download("find_timeline_file 200 PDF", "find_timeline_file", pdf(2200, "timeline"), "application/pdf",
               "timeline.pdf")
    for op, tag in [("download_qes_document", "qes"), ("download_aes_document", "aes"), ("download_ses_document", "ses")]:
        P_redirect("%s 302" % op, op, "https://files.example.com/%s/%s.pdf" % (tag, FIL))
        P_download("%s 200 PDF" % op, op, pdf(2100, tag), "application/pdf", "%s_document.pdf" % tag)
    P_err("find_workflow_run 404", "find_workflow_run", 404, "resource_not_found", "Workflow run not found")
    P_err("create_workflow_run 422", "create_workflow_run", 422, "validation_error",
          "There was a validation error on this request", fields={"workflow_id": ["is invalid"]},
          exp_fields={"workflow_id": ["is invalid"]})
    P_err("complete_task 422", "complete_task", 422, "validation_error", "Task cannot be completed",
          fields={"data": ["is invalid"]}, exp_fields={"data": ["is invalid"]})
    P_err("find_timeline_file 404", "find_timeline_file", 404, "resource_not_found", "Timeline file not found")
    P_err("download_qes_document 403", "download_qes_document", 403, "forbidden", "Forbidden")
    P_err("list_tasks 429", "list_tasks", 429, "rate_limit", "Rate limit exceeded", headers={"Retry-After": "60"},
          retry_after=60)


# ================================================================ signing documents
SIGNING = {"id": SGD, "created_at": TS, "href": "/v3.6/signing_documents/" + SGD,
           "download_href": "/v3.6/signing_documents/%s/download" % SGD, "file_type": "pdf",
           "file_name": "contract.pdf", "file_size": 20480, "applicant_id": APP}


def signing_documents():
    GROUP[0] = "signing_documents"
    op = "upload_signing_document"
    f = pdf(2048, "sign-min")
    B("upload_signing_document PDF at exactly 2048 bytes", op, {"applicant_id": APP, "file": file_in("contract.pdf", f)},
      "POST", "signing_documents",
      multipart=[file_part("contract.pdf", f, "application/pdf"), {"name": "applicant_id", "text": APP}])
    f = pdf(20480, "sign")
    B("upload_signing_document 20 KB PDF in the us region", op,
      {"applicant_id": APP, "file": file_in("agreement.pdf", f)}, "POST", "signing_documents", region="us",
      multipart=[file_part("agreement.pdf", f, "application/pdf"), {"name": "applicant_id", "text": APP}])
    ok_in = {"applicant_id": APP, "file": file_in("contract.pdf", pdf(2048, "sign-min"))}
    BE("upload_signing_document 2047 byte PDF refused", op, dict(ok_in, file=file_in("c.pdf", pdf(2047))), ["file"])
    BE("upload_signing_document PNG refused (pdf only)", op, dict(ok_in, file=file_in("c.png", png(4096))), ["file"])
    BE("upload_signing_document JPEG refused (pdf only)", op, dict(ok_in, file=file_in("c.jpg", jpeg(4096))), ["file"])
    BE("upload_signing_document GIF refused", op, dict(ok_in, file=file_in("c.gif", gif(4096))), ["file"])
    BE("upload_signing_document random bytes refused", op, dict(ok_in, file=file_in("c.bin", rnd(4096, "s"))),
       ["file"])
    BE("upload_signing_document without applicant_id", op, {"file": ok_in["file"]}, ["applicant_id"])
    BE("upload_signing_document without file", op, {"applicant_id": APP}, ["file"])
    BE("upload_signing_document applicant_id not a uuid", op, dict(ok_in, applicant_id="a-1"), ["applicant_id"])
    BE("upload_signing_document type is not a field here", op, dict(ok_in, type="passport"), ["type"])
    op = "list_signing_documents"
    B(op, op, {"applicant_id": APP}, "GET", "signing_documents", query="applicant_id=" + APP)
    BE("list_signing_documents without applicant_id", op, {}, ["applicant_id"])
    for op, suffix in [("find_signing_document", ""), ("download_signing_document", "/download")]:
        B(op, op, {"signing_document_id": SGD}, "GET", "signing_documents/" + SGD + suffix)
        bad_uuid_cases(op, {}, "signing_document_id", count=2)
    P_json("upload_signing_document 201", "upload_signing_document", SIGNING, status=201)
    P_json("find_signing_document", "find_signing_document", SIGNING)
    P_json("list_signing_documents", "list_signing_documents", {"signing_documents": [SIGNING]})
    P_json("list_signing_documents empty", "list_signing_documents", {"signing_documents": []})
    P("find_signing_document file_size as a string is a decode error", "find_signing_document", 200,
      dict(SIGNING, file_size="big"), error={"kind": "decode"})
    P_download("download_signing_document PDF", "download_signing_document", pdf(2600, "sd"), "application/pdf",
               "contract.pdf")
    P_err("upload_signing_document 422", "upload_signing_document", 422, "validation_error",
          "There was a validation error on this request", fields={"file": ["must be a PDF"]},
          exp_fields={"file": ["must be a PDF"]})
    P_err("find_signing_document 404", "find_signing_document", 404, "resource_not_found", "Not found")


# ================================================================ watchlist
MONITOR = {"id": MON, "applicant_id": APP, "report_name": "watchlist_standard", "tags": ["kyc"],
           "created_at": TS, "deleted_at": None, "is_sandbox": True}


def watchlist():
    GROUP[0] = "watchlist"
    op = "create_watchlist_monitor"
    b = {"applicant_id": APP, "report_name": "watchlist_standard"}
    B("create_watchlist_monitor standard", op, b, "POST", "watchlist_monitors", json_=b)
    b = {"applicant_id": APP, "report_name": "watchlist_aml", "tags": ["kyc", "ongoing"]}
    B("create_watchlist_monitor aml with tags", op, b, "POST", "watchlist_monitors", json_=b, region="us")
    BE("create_watchlist_monitor report_name watchlist_enhanced not allowed", op,
       {"applicant_id": APP, "report_name": "watchlist_enhanced"}, ["report_name"])
    BE("create_watchlist_monitor without report_name", op, {"applicant_id": APP}, ["report_name"])
    BE("create_watchlist_monitor without applicant_id", op, {"report_name": "watchlist_aml"}, ["applicant_id"])
    BE("create_watchlist_monitor applicant_id not a uuid", op, {"applicant_id": "x", "report_name": "watchlist_aml"},
       ["applicant_id"])
    BE("create_watchlist_monitor tags as a string", op,
       {"applicant_id": APP, "report_name": "watchlist_aml", "tags": "kyc"}, ["tags"])
    op = "list_watchlist_monitors"
    B("list_watchlist_monitors by applicant", op, {"applicant_id": APP}, "GET", "watchlist_monitors",
      query="applicant_id=" + APP)
    B("list_watchlist_monitors include_deleted true", op, {"applicant_id": APP, "include_deleted": True}, "GET",
      "watchlist_monitors", query="applicant_id=%s&include_deleted=true" % APP)
    BE("list_watchlist_monitors without applicant_id", op, {"include_deleted": True}, ["applicant_id"])
    BE("list_watchlist_monitors include_deleted as a string", op, {"applicant_id": APP, "include_deleted": "1"},
       ["include_deleted"])
    for op, m, suffix in [("find_watchlist_monitor", "GET", ""), ("delete_watchlist_monitor", "DELETE", ""),
                          ("list_watchlist_monitor_matches", "GET", "/matches"),
                          ("force_report_creation_from_watchlist_monitor", "POST", "/new_report")]:
        B(op, op, {"monitor_id": MON}, m, "watchlist_monitors/" + MON + suffix)
        bad_uuid_cases(op, {}, "monitor_id", count=1)
    op = "update_watchlist_monitor_match"
    b = {"enable": [MAT], "disable": [MAT2]}
    B("update_watchlist_monitor_match enable and disable (PATCH)", op, dict(b, monitor_id=MON), "PATCH",
      "watchlist_monitors/%s/matches" % MON, json_=b)
    b = {"disable": [MAT, MAT2]}
    B("update_watchlist_monitor_match disable only", op, dict(b, monitor_id=MON), "PATCH",
      "watchlist_monitors/%s/matches" % MON, json_=b)
    BE("update_watchlist_monitor_match enable[0] not a uuid", op, {"monitor_id": MON, "enable": ["m1"]},
       ["enable[0]"])
    BE("update_watchlist_monitor_match disable as a string", op, {"monitor_id": MON, "disable": MAT}, ["disable"])
    bad_uuid_cases(op, {"enable": [MAT]}, "monitor_id", count=1)

    P_json("create_watchlist_monitor 201", "create_watchlist_monitor", MONITOR, status=201)
    P_json("find_watchlist_monitor", "find_watchlist_monitor", MONITOR)
    P_json("find_watchlist_monitor deleted", "find_watchlist_monitor", dict(MONITOR, deleted_at=TS2))
    P_json("list_watchlist_monitors", "list_watchlist_monitors",
           {"monitors": [MONITOR, dict(MONITOR, id=MAT, report_name="watchlist_aml")]})
    P_json("list_watchlist_monitors empty", "list_watchlist_monitors", {"monitors": []})
    P("find_watchlist_monitor is_sandbox as a string is a decode error", "find_watchlist_monitor", 200,
      dict(MONITOR, is_sandbox="true"), error={"kind": "decode"})
    P_empty("delete_watchlist_monitor 204", "delete_watchlist_monitor")
    P_json("list_watchlist_monitor_matches", "list_watchlist_monitor_matches",
           {"matches": [{"id": MAT, "enabled": True}, {"id": MAT2, "enabled": False}]})
    P_json("update_watchlist_monitor_match 200", "update_watchlist_monitor_match",
           {"matches": [{"id": MAT, "enabled": True}, {"id": MAT2, "enabled": False}]})
    loc = "https://api.eu.onfido.com/v3.6/reports/" + REP
    P("force_report_creation_from_watchlist_monitor 201 with Location, no body",
      "force_report_creation_from_watchlist_monitor", 201, "", headers={"Location": loc}, ok={"location": loc})
    P_err("force_report_creation_from_watchlist_monitor 404", "force_report_creation_from_watchlist_monitor", 404,
          "resource_not_found", "Monitor not found")
    P_err("create_watchlist_monitor 422", "create_watchlist_monitor", 422, "validation_error",
          "There was a validation error on this request", fields={"report_name": ["is not included in the list"]},
          exp_fields={"report_name": ["is not included in the list"]})
    P_err("list_watchlist_monitor_matches 500", "list_watchlist_monitor_matches", 500, "internal_server_error",
          "Internal error")


# ================================================================ biometric tokens and passkeys
BIO = {"uuid": TOK, "data": {"inserted_at": TS, "media_type": "live_video", "status": "approved"}}
PASSKEY = {"id": "pk_01HZX", "application_domain": "example.com", "state": "ACTIVE", "created_at": TS,
           "last_used_at": TS2}


def biometric_passkeys():
    GROUP[0] = "biometric_passkeys"
    for op, m in [("list_biometric_tokens", "GET"), ("invalidate_biometric_tokens", "DELETE")]:
        B(op, op, {"user_id": "user-123"}, m, "biometric_tokens/user-123")
        B("%s free-text user_id percent-encoded" % op, op, {"user_id": "jane doe/x"}, m,
          "biometric_tokens/jane%20doe%2Fx")
        BE("%s empty user_id" % op, op, {"user_id": ""}, ["user_id"])
        BE("%s user_id '..'" % op, op, {"user_id": ".."}, ["user_id"])
    B("list_biometric_tokens user_id with non-ASCII is UTF-8 percent-encoded", "list_biometric_tokens",
      {"user_id": "zoë"}, "GET", "biometric_tokens/zo%C3%AB")
    BE("list_biometric_tokens user_id '.'", "list_biometric_tokens", {"user_id": "."}, ["user_id"])
    for op, m in [("find_biometric_token", "GET"), ("invalidate_biometric_token", "DELETE")]:
        B(op, op, {"user_id": "user-123", "token_uuid": TOK}, m, "biometric_tokens/user-123/" + TOK)
        bad_uuid_cases(op, {"user_id": "user-123"}, "token_uuid", count=1)
        BE("%s without user_id" % op, op, {"token_uuid": TOK}, ["user_id"])
    op = "update_biometric_token"
    B("update_biometric_token declined", op, {"user_id": "user 1", "token_uuid": TOK, "status": "declined"}, "PUT",
      "biometric_tokens/user%201/" + TOK, json_={"status": "declined"})
    B("update_biometric_token approved", op, {"user_id": "user-123", "token_uuid": TOK, "status": "approved"}, "PUT",
      "biometric_tokens/user-123/" + TOK, json_={"status": "approved"}, region="us")
    BE("update_biometric_token status pending not in enum", op,
       {"user_id": "user-123", "token_uuid": TOK, "status": "pending"}, ["status"])
    BE("update_biometric_token without status", op, {"user_id": "user-123", "token_uuid": TOK}, ["status"])
    bad_uuid_cases(op, {"user_id": "user-123", "status": "approved"}, "token_uuid", count=1)

    for op, m in [("list_passkeys", "GET"), ("delete_passkeys", "DELETE")]:
        B(op, op, {"username": "jane"}, m, "passkeys/jane")
        B("%s username 'jane doe/x' percent-encoded" % op, op, {"username": "jane doe/x"}, m,
          "passkeys/jane%20doe%2Fx")
        BE("%s empty username" % op, op, {"username": ""}, ["username"])
        BE("%s username '.'" % op, op, {"username": "."}, ["username"])
    B("list_passkeys username that is an email address", "list_passkeys", {"username": "jane@example.com"}, "GET",
      "passkeys/jane%40example.com")
    for op, m in [("find_passkey", "GET"), ("delete_passkey", "DELETE")]:
        B(op, op, {"username": "jane", "passkey_id": "pk_01HZX"}, m, "passkeys/jane/pk_01HZX")
        B("%s passkey_id with a slash percent-encoded" % op, op, {"username": "jane", "passkey_id": "a/b c"}, m,
          "passkeys/jane/a%2Fb%20c")
        BE("%s passkey_id '..'" % op, op, {"username": "jane", "passkey_id": ".."}, ["passkey_id"])
        BE("%s without passkey_id" % op, op, {"username": "jane"}, ["passkey_id"])
    op = "update_passkey"
    B("update_passkey INACTIVE", op, {"username": "jane", "passkey_id": "pk_01HZX", "state": "INACTIVE"}, "PUT",
      "passkeys/jane/pk_01HZX", json_={"state": "INACTIVE"})
    B("update_passkey ACTIVE in the ca region", op, {"username": "jane", "passkey_id": "pk_01HZX", "state": "ACTIVE"},
      "PUT", "passkeys/jane/pk_01HZX", json_={"state": "ACTIVE"}, region="ca")
    BE("update_passkey state lower-case not in enum", op,
       {"username": "jane", "passkey_id": "pk_01HZX", "state": "active"}, ["state"])
    BE("update_passkey without state", op, {"username": "jane", "passkey_id": "pk_01HZX"}, ["state"])
    BE("update_passkey empty username", op, {"username": "", "passkey_id": "pk_01HZX", "state": "ACTIVE"},
       ["username"])

    P_json("list_biometric_tokens", "list_biometric_tokens",
           {"biometric_tokens": [BIO, {"uuid": MAT, "data": {"inserted_at": TS2, "media_type": "motion",
                                                             "status": "declined"}}]})
    P_json("list_biometric_tokens empty", "list_biometric_tokens", {"biometric_tokens": []})
    P_json("find_biometric_token envelope as sent", "find_biometric_token", {"biometric_token": BIO})
    P_json("find_biometric_token unknown status kept", "find_biometric_token",
           {"biometric_token": {"uuid": TOK, "data": dict(BIO["data"], status="future")}})
    P_json("update_biometric_token", "update_biometric_token",
           {"biometric_token": {"uuid": TOK, "data": dict(BIO["data"], status="declined")}})
    P_json("invalidate_biometric_tokens 200 JSON on DELETE", "invalidate_biometric_tokens",
           {"biometric_tokens": {"deleted_items": {"count": 3}}})
    P_json("invalidate_biometric_token 200 JSON on DELETE", "invalidate_biometric_token",
           {"biometric_token": {"deleted_items": {"count": 1}}})
    P("invalidate_biometric_tokens count as a string is a decode error", "invalidate_biometric_tokens", 200,
      {"biometric_tokens": {"deleted_items": {"count": "3"}}}, error={"kind": "decode"})
    P_err("find_biometric_token 404", "find_biometric_token", 404, "resource_not_found", "Token not found")
    P_json("list_passkeys", "list_passkeys",
           {"passkeys": [PASSKEY, {"id": "pk_02", "application_domain": "example.com", "state": "INACTIVE",
                                   "created_at": TS}]})
    P_json("find_passkey", "find_passkey", PASSKEY)
    P_json("update_passkey", "update_passkey", dict(PASSKEY, state="INACTIVE"))
    P_json("find_passkey unknown state kept", "find_passkey", dict(PASSKEY, state="SUSPENDED"))
    P("find_passkey created_at as a number is a decode error", "find_passkey", 200, dict(PASSKEY, created_at=17),
      error={"kind": "decode"})
    P_empty("delete_passkey 204", "delete_passkey")
    P_empty("delete_passkeys 204", "delete_passkeys")
    for op in ["list_passkeys", "find_passkey", "delete_passkey", "delete_passkeys", "update_passkey"]:
        P("%s bare empty 404" % op, op, 404, "", headers={}, error={"kind": "api", "status": 404})
    P("update_passkey bare 400", "update_passkey", 400, "", headers={}, error={"kind": "api", "status": 400})
    P_err("list_passkeys 401", "list_passkeys", 401, "authorization_error", "Authorization error")


# ================================================================ misc
ADDR_RESP = {"addresses": [{"building_number": "100", "street": "Main Street", "town": "London",
                            "postcode": "SW4 6EH", "country": "GBR", "line1": None},
                           {"flat_number": "Flat 2", "building_number": "102", "street": "Main Street",
                            "town": "London", "postcode": "SW4 6EH", "country": "GBR"}]}


def misc():
    GROUP[0] = "misc"
    B("ping", "ping", {}, "GET", "ping")
    B("ping in the us region", "ping", {}, "GET", "ping", region="us")
    B("ping in the ca region", "ping", {}, "GET", "ping", region="ca")
    BE("ping with an unknown input field", "ping", {"x": 1}, ["x"])
    BE("config region ap is refused", "ping", {}, None, kind="config", config=cfg(region="ap"))
    BE("config api_version v3.5 is refused", "ping", {}, None, kind="config", config=cfg(ver="v3.5"))
    op = "find_addresses"
    B("find_addresses postcode", op, {"postcode": "SW4 6EH"}, "GET", "addresses/pick", query="postcode=SW4%206EH")
    BE("find_addresses without postcode", op, {}, ["postcode"])
    BE("find_addresses postcode as a number", op, {"postcode": 12345}, ["postcode"])
    op = "generate_sdk_token"
    b = {"applicant_id": APP}
    B("generate_sdk_token applicant only", op, b, "POST", "sdk_token", json_=b)
    b = {"applicant_id": APP, "referrer": "https://*.example.com/*", "application_id": "com.example.app",
         "cross_device_url": "https://verify.example.com"}
    B("generate_sdk_token with referrer, application_id, cross_device_url", op, b, "POST", "sdk_token", json_=b)
    BE("generate_sdk_token without applicant_id", op, {"referrer": "https://*.example.com/*"}, ["applicant_id"])
    BE("generate_sdk_token applicant_id not a uuid", op, {"applicant_id": "abc"}, ["applicant_id"])
    op = "extract"
    b = {"document_id": DOC}
    B("extract document_id", op, b, "POST", "extractions", json_=b)
    BE("extract without document_id", op, {}, ["document_id"])
    BE("extract document_id not a uuid", op, {"document_id": "doc-1"}, ["document_id"])
    op = "post_results_feedback"
    b = {"check_id": CHK, "report_id": REP, "expected_result": "consider", "feedback_notes": "Fraudulent document"}
    B("post_results_feedback full", op, b, "POST", "results_feedback", json_=b)
    b = {"check_id": CHK, "expected_result": "clear"}
    B("post_results_feedback check only", op, b, "POST", "results_feedback", json_=b, region="us")
    BE("post_results_feedback expected_result not in enum", op, {"check_id": CHK, "expected_result": "unidentified"},
       ["expected_result"])
    BE("post_results_feedback report_id not a uuid", op, {"report_id": "r1"}, ["report_id"])
    op = "list_repeat_attempts"
    B(op, op, {"report_id": REP}, "GET", "repeat_attempts/" + REP)
    bad_uuid_cases(op, {}, "report_id", count=2)

    P("ping 200 text/plain", "ping", 200, "OK", headers={"Content-Type": "text/plain"}, ok={"text": "OK"})
    P("ping 200 text/plain with charset", "ping", 200, "OK", headers={"Content-Type": "text/plain; charset=utf-8"},
      ok={"text": "OK"})
    P_err("ping 500", "ping", 500, "internal_server_error", "Internal error")
    P_json("find_addresses", "find_addresses", ADDR_RESP)
    P_json("find_addresses empty", "find_addresses", {"addresses": []})
    P_json("generate_sdk_token 200", "generate_sdk_token", {"token": "eyJhbGciOiJIUzI1NiJ9.eyJwYXlsb2FkIjoiMSJ9.sig"})
    P("generate_sdk_token token as a number is a decode error", "generate_sdk_token", 200, {"token": 5},
      error={"kind": "decode"})
    P_err("generate_sdk_token 422 referrer", "generate_sdk_token", 422, "validation_error",
          "There was a validation error on this request", fields={"referrer": {"messages": ["is invalid"]}},
          exp_fields={"referrer": ["is invalid"]})
    ext = {"document_id": DOC,
           "document_classification": {"issuing_country": "GBR", "document_type": "driving_licence",
                                       "subtype": "full", "version": "2015"},
           "extracted_data": {"document_number": "MORGA753116SM9IJ", "first_name": "Jane", "last_name": "Doe",
                              "full_name": "Jane Doe", "gender": "Female", "date_of_birth": "1990-01-31",
                              "date_of_expiry": "2031-01-01", "nationality": "GBR", "address_1": "100 Main Street",
                              "issuing_country": "GBR", "document_type": "driving_licence"}}
    P_json("extract 200", "extract", ext)
    P_json("extract unknown subtype kept", "extract",
           dict(ext, document_classification=dict(ext["document_classification"], subtype="future_subtype")))
    P("extract 422 Error_1 shape (document_id + error)", "extract", 422,
      {"document_id": DOC, "error": {"type": "extraction_failure", "message": "Could not extract data"}},
      headers={"Content-Type": "application/json"},
      error={"kind": "api", "status": 422, "type": "extraction_failure", "message": "Could not extract data"})
    fb = {"check_id": CHK, "report_id": REP, "expected_result": "consider", "feedback_notes": "Fraudulent document"}
    P_json("post_results_feedback 200", "post_results_feedback", fb)
    ra = {"report_id": REP, "repeat_attempts": [
        {"report_id": REP2, "applicant_id": APP2, "date_of_birth": "match", "names": "mismatch", "result": "consider",
         "created_at": TS, "completed_at": TS2}], "attempts_count": 1, "attempts_clear_rate": 0.0,
          "unique_mismatches_count": 1}
    P_json("list_repeat_attempts", "list_repeat_attempts", ra)
    P_json("list_repeat_attempts none", "list_repeat_attempts",
           {"report_id": REP, "repeat_attempts": [], "attempts_count": 0, "attempts_clear_rate": 1,
            "unique_mismatches_count": 0})
    P("list_repeat_attempts repeat_attempts as an object is a decode error", "list_repeat_attempts", 200,
      {"report_id": REP, "repeat_attempts": {}}, error={"kind": "decode"})
    P_err("list_repeat_attempts 404", "list_repeat_attempts", 404, "resource_not_found", "Report not found")
    P_err("post_results_feedback 403", "post_results_feedback", 403, "forbidden", "Feature not enabled")


# ================================================================ v3.4
V34_OPS = ["create_applicant", "list_applicants", "find_applicant", "update_applicant", "delete_applicant",
           "restore_applicant", "list_documents", "upload_document", "find_document", "download_document",
           "list_live_photos", "upload_live_photo", "find_live_photo", "download_live_photo", "list_live_videos",
           "find_live_video", "download_live_video", "download_live_video_frame", "list_checks", "create_check",
           "find_check", "resume_check", "download_check", "list_reports", "find_report", "resume_report",
           "cancel_report", "create_workflow_run", "find_workflow_run", "list_tasks", "find_task", "list_webhooks",
           "create_webhook", "find_webhook", "update_webhook", "delete_webhook", "find_addresses",
           "generate_sdk_token", "ping"]


def v34():
    GROUP[0] = "v34"
    V = "v3.4"
    b = {"first_name": "Jane", "last_name": "Doe", "dob": "1990-01-31"}
    B("v3.4 create_applicant", "create_applicant", b, "POST", "applicants", json_=b, ver=V)
    B("v3.4 create_applicant in the us region", "create_applicant", b, "POST", "applicants", json_=b, ver=V,
      region="us")
    B("v3.4 list_applicants paged", "list_applicants", {"page": 3, "per_page": 10}, "GET", "applicants",
      query="page=3&per_page=10", ver=V)
    B("v3.4 find_applicant", "find_applicant", {"applicant_id": APP}, "GET", "applicants/" + APP, ver=V)
    B("v3.4 delete_applicant (destroy_applicant in the 3.4 spec)", "delete_applicant", {"applicant_id": APP},
      "DELETE", "applicants/" + APP, ver=V)
    B("v3.4 restore_applicant", "restore_applicant", {"applicant_id": APP}, "POST",
      "applicants/%s/restore" % APP, ver=V, region="ca")
    f = png(33000, "v34doc")
    B("v3.4 upload_document", "upload_document", {"applicant_id": APP, "type": "passport",
                                                  "file": file_in("passport.png", f)}, "POST", "documents", ver=V,
      multipart=[file_part("passport.png", f, "image/png"), {"name": "applicant_id", "text": APP},
                 {"name": "type", "text": "passport"}])
    f = jpeg(33000, "v34lp")
    B("v3.4 upload_live_photo", "upload_live_photo", {"applicant_id": APP, "file": file_in("selfie.jpg", f)}, "POST",
      "live_photos", ver=V, multipart=[file_part("selfie.jpg", f, "image/jpeg"), {"name": "applicant_id", "text": APP}])
    b = {"applicant_id": APP, "report_names": ["document", "facial_similarity_photo"], "document_ids": [DOC]}
    B("v3.4 create_check", "create_check", b, "POST", "checks", json_=b, ver=V)
    B("v3.4 download_check", "download_check", {"check_id": CHK}, "GET", "checks/%s/download" % CHK, ver=V)
    B("v3.4 list_reports", "list_reports", {"check_id": CHK}, "GET", "reports", query="check_id=" + CHK, ver=V)
    B("v3.4 download_live_video_frame", "download_live_video_frame", {"live_video_id": LVI}, "GET",
      "live_videos/%s/frame" % LVI, ver=V)
    b = {"workflow_id": WFL, "applicant_id": APP, "custom_data": {"k": "v"}}
    B("v3.4 create_workflow_run", "create_workflow_run", b, "POST", "workflow_runs", json_=b, ver=V)
    B("v3.4 find_workflow_run (retrieve_workflow_run in the 3.4 spec)", "find_workflow_run", {"workflow_run_id": WFR},
      "GET", "workflow_runs/" + WFR, ver=V)
    B("v3.4 list_tasks", "list_tasks", {"workflow_run_id": WFR}, "GET", "workflow_runs/%s/tasks" % WFR, ver=V)
    B("v3.4 find_task (retrieve_task in the 3.4 spec)", "find_task", {"workflow_run_id": WFR, "task_id": "profile_1"},
      "GET", "workflow_runs/%s/tasks/profile_1" % WFR, ver=V)
    b = {"url": "https://example.com/hook", "events": ["check.completed"]}
    B("v3.4 create_webhook", "create_webhook", b, "POST", "webhooks", json_=b, ver=V)
    b = {"url": "https://example.com/hook2", "enabled": False}
    B("v3.4 update_webhook (edit_webhook in the 3.4 spec) with url (3.4 schema requires it)", "update_webhook", dict(b, webhook_id=WHK), "PUT",
      "webhooks/" + WHK, json_=b, ver=V)
    B("v3.4 delete_webhook", "delete_webhook", {"webhook_id": WHK}, "DELETE", "webhooks/" + WHK, ver=V)
    B("v3.4 ping", "ping", {}, "GET", "ping", ver=V)
    b = {"applicant_id": APP, "referrer": "https://*.example.com/*"}
    B("v3.4 generate_sdk_token", "generate_sdk_token", b, "POST", "sdk_token", json_=b, ver=V)
    B("v3.4 find_addresses", "find_addresses", {"postcode": "SW4 6EH"}, "GET", "addresses/pick",
      query="postcode=SW4%206EH", ver=V)
    for op, inp in [("download_nfc_face", {"document_id": DOC}),
                    ("download_document_video", {"document_id": DOC}),
                    ("find_applicant_consents", {"applicant_id": APP}),
                    ("list_workflow_runs", {}),
                    ("complete_task", {"workflow_run_id": WFR, "task_id": "t1", "data": {}}),
                    ("create_timeline_file", {"workflow_run_id": WFR}),
                    ("download_evidence_folder", {"workflow_run_id": WFR}),
                    ("list_motion_captures", {"applicant_id": APP}),
                    ("upload_id_photo", {"applicant_id": APP, "file": file_in("selfie.jpg", jpeg(33000, "v34lp"))}),
                    ("list_watchlist_monitors", {"applicant_id": APP}),
                    ("list_biometric_tokens", {"user_id": "u1"}),
                    ("list_passkeys", {"username": "jane"}),
                    ("resend_webhooks", {"data": []}),
                    ("extract", {"document_id": DOC}),
                    ("list_repeat_attempts", {"report_id": REP}),
                    ("download_qes_document", {"workflow_run_id": WFR, "file_id": FIL}),
                    ("list_signing_documents", {"applicant_id": APP}),
                    ("post_results_feedback", {"check_id": CHK})]:
        BE("v3.4 lacks %s" % op, op, inp, ["operation"], ver=V)
    BE("v3.4 refuses its own 3.4 id destroy_applicant (v3.6 names only)", "destroy_applicant", {"applicant_id": APP},
       ["operation"], ver=V)
    BE("v3.4 refuses edit_webhook (v3.6 name is update_webhook)", "edit_webhook", {"webhook_id": WHK},
       ["operation"], ver=V)
    BE("v3.4 create_webhook payload_version is v3.6 only", "create_webhook",
       {"url": "https://example.com/hook", "payload_version": 2}, ["payload_version"], ver=V)
    BE("v3.4 create_webhook name is v3.6 only", "create_webhook",
       {"url": "https://example.com/hook", "name": "x"}, ["name"], ver=V)
    BE("v3.4 upload_document file_type is v3.6 only", "upload_document",
       {"applicant_id": APP, "type": "passport", "file_type": "png", "file": file_in("passport.png", png(33000, "v34doc"))},
       ["file_type"], ver=V)
    BE("v3.4 create_workflow_run tags is v3.6 only", "create_workflow_run",
       {"workflow_id": WFL, "applicant_id": APP, "tags": ["a"]}, ["tags"], ver=V)
    BE("v3.4 create_check us_driving_licence is v3.6 only", "create_check",
       {"applicant_id": APP, "report_names": ["document"], "us_driving_licence": {"id_number": "D1",
                                                                                 "issue_state": "CA"}},
       ["us_driving_licence"], ver=V)
    BE("v3.4 refuses the v2 op id retrieve_applicant", "retrieve_applicant",
       {"applicant_id": APP}, ["operation"], ver=V)

    # parse
    P_json("v3.4 find_applicant", "find_applicant",
           {"id": APP, "first_name": "Jane", "last_name": "Doe", "href": "/v3.4/applicants/" + APP, "sandbox": True},
           ver=V)
    P_json("v3.4 list_applicants", "list_applicants", {"applicants": [{"id": APP, "first_name": "Jane"}]}, ver=V)
    P_empty("v3.4 delete_applicant 204", "delete_applicant", ver=V)
    P_json("v3.4 create_check with download_uri (3.4 field kept)", "create_check",
           {"id": CHK, "status": "in_progress", "applicant_id": APP, "report_ids": [REP],
            "download_uri": "https://dashboard.onfido.com/checks/%s/pdf" % CHK,
            "results_uri": "https://dashboard.onfido.com/checks/" + CHK}, status=201, ver=V)
    P_json("v3.4 find_report photo_fully_auto (3.4 name) kept", "find_report",
           {"id": REP, "name": "photo_fully_auto", "status": "complete", "result": "clear", "check_id": CHK,
            "breakdown": {}, "properties": {}}, ver=V)
    P_json("v3.4 find_report document", "find_report", dict(report_body("document"), href="/v3.4/reports/" + REP),
           ver=V)
    P_json("v3.4 find_workflow_run", "find_workflow_run", {"id": WFR, "applicant_id": APP, "workflow_id": WFL,
                                                           "status": "processing"}, ver=V)
    P_json("v3.4 list_tasks bare array", "list_tasks",
           [{"id": "profile_1", "workflow_run_id": WFR, "task_def_id": "profile_data"}], ver=V)
    P_json("v3.4 find_webhook", "find_webhook", {"id": WHK, "url": "https://example.com/hook", "enabled": True,
                                                 "token": "tok", "href": "/v3.4/webhooks/" + WHK,
                                                 "events": ["check.completed"]}, ver=V)
    P_json("v3.4 update_webhook", "update_webhook", {"id": WHK, "url": "https://example.com/hook", "enabled": False},
           ver=V)
    P("v3.4 ping", "ping", 200, "OK", headers={"Content-Type": "text/plain"}, ok={"text": "OK"}, ver=V)
    P_download("v3.4 download_check PDF", "download_check", pdf(2300, "v34check"), "application/pdf", "check.pdf",
               ver=V)
    P_download("v3.4 download_live_video_frame", "download_live_video_frame", jpeg(500, "v34f"), "image/jpeg",
               "frame.jpg", ver=V)
    P_json("v3.4 generate_sdk_token", "generate_sdk_token", {"token": "eyJ.v34.sig"}, ver=V)
    P("v3.4 find_applicant id as a number is a decode error", "find_applicant", 200, {"id": 7}, error={"kind": "decode"},
      ver=V)
    P_err("v3.4 create_applicant 422", "create_applicant", 422, "validation_error",
          "There was a validation error on this request", fields={"first_name": ["can't be blank"]},
          exp_fields={"first_name": ["can't be blank"]}, ver=V)
    P_err("v3.4 list_checks 429", "list_checks", 429, "rate_limit", "Rate limit exceeded",
          headers={"Retry-After": "30"}, retry_after=30, ver=V)

RENAMED_34 = {"delete_applicant": "destroy_applicant", "find_workflow_run": "retrieve_workflow_run",
              "find_task": "retrieve_task", "update_webhook": "edit_webhook"}
RENAMED_36 = {v: k for k, v in RENAMED_34.items()}


# ================================================================ main
def spec_ops(path):
    s = json.load(open(path))
    out = {}
    for p, item in s["paths"].items():
        for m, o in item.items():
            if m in ("get", "post", "put", "delete", "patch"):
                out[o["operationId"]] = (m.upper(), p)
    return out


def main():
    for g in GROUPS:
        g()
    ops36 = spec_ops(SPEC36)
    ops34 = spec_ops(SPEC34)
    assert len(ops36) == 84, len(ops36)
    built = {}
    parsed = {}
    for fname, (kind, cases) in FILES.items():
        for c in cases:
            if fname.startswith("v36"):
                d = built if kind == "build_request" else parsed
                d.setdefault(c["operation"], []).append(c)
            # method/path sanity against the spec for successful builds
            if kind == "build_request" and "method" in c["expect"]:
                ver = c["config"]["api_version"]
                if ver == "v3.6":
                    m, p = ops36[c["operation"]]
                    assert c["expect"]["method"] == m, c["name"]
                else:
                    m, p = ops34[RENAMED_34.get(c["operation"], c["operation"])]
                    assert c["expect"]["method"] == m, c["name"]
                path = c["expect"]["url"].split("?")[0].split("/" + ver + "/", 1)[1]
                rx = "^" + re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(p.lstrip("/"))) + "$"
                assert re.match(rx, path), (c["name"], path, p)
            if kind == "build_request" and c["expect"].get("error", {}).get("fields") == ["operation"]:
                ver = c["config"]["api_version"]
                known = ops36 if ver == "v3.6" else {RENAMED_36.get(k, k): v for k, v in ops34.items()}
                assert c["operation"] not in known, c["name"]
    missing_b = sorted(set(ops36) - set(op for op, cs in built.items()
                                        if any("method" in c["expect"] for c in cs)))
    missing_p = sorted(set(ops36) - set(parsed))
    assert not missing_b, "ops without a successful build case: %s" % missing_b
    assert not missing_p, "ops without a parse case: %s" % missing_p
    total = 0
    for fname, (kind, cases) in sorted(FILES.items()):
        text = json.dumps({"kind": kind, "cases": cases}, indent=1, ensure_ascii=False)
        assert len(text.encode()) < 1_000_000, fname
        with open(os.path.join(HERE, fname), "w", encoding="utf-8") as f:
            f.write(text + "\n")
        total += len(cases)
        print("%-32s %4d" % (fname, len(cases)))
    print("total", total)
    assert total >= 350, total


GROUPS = [applicants, documents, media, checks_reports, webhooks, workflows, signing_documents, watchlist, biometric_passkeys, misc, v34]

if __name__ == "__main__":
    main()
