#!/usr/bin/env python3
"""Derives the project's API description (api/onfido-v3.json) from Onfido's OpenAPI documents.

Facts only: paths, methods, parameters, request and response schemas, enums, required lists,
formats, patterns and bounds. Prose (descriptions, titles, examples) is dropped, every `allOf`
is flattened into one object, `$ref`s become `{"ref": name}`, and the v3.4 document becomes a
profile of v3.6: which operations it has, under which of its own ids, and which request fields
its bodies have that v3.6's lack or lack that v3.6's have. Each operation also gets the name every
runtime calls it by, `"surface": {"resource", "method"}`, from the rule and table of api/names.json.

    python3 api/derive.py [--spec DIR] [--check]

DIR defaults to ../shared/spec beside the repository. `--check` exits 1 when the committed
description differs from what the documents give. No network, deterministic output.
"""

import argparse
import hashlib
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "onfido-v3.json"
NAMES = HERE / "names.json"
V36 = "onfido-openapi-v3.6.json"
V34 = "onfido-openapi-v3.4-paths.json"
METHODS = ("get", "post", "put", "patch", "delete")
# Keywords kept from a schema node; everything else (description, title, example, x-*) is prose.
KEPT = (
    "type", "format", "enum", "nullable", "pattern", "default", "readOnly", "deprecated",
    "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems",
)


class Document:
    """One OpenAPI document and its `$ref` resolution."""

    def __init__(self, raw):
        self.raw = raw

    def pointer(self, ref):
        if not ref.startswith("#/"):
            raise SystemExit(f"derive: external $ref {ref!r} is not supported")
        node = self.raw
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~").replace("%7B", "{").replace("%7D", "}")
            node = node[part]
        return node


def schema_name(ref):
    prefix = "#/components/schemas/"
    return ref[len(prefix):] if ref.startswith(prefix) else None


def convert(doc, node, seen=()):
    """A schema node in the description's form: allOf flattened, named refs kept as refs."""
    if "$ref" in node:
        name = schema_name(node["$ref"])
        if name is not None:
            return {"ref": name}
        if node["$ref"] in seen:
            raise SystemExit(f"derive: cyclic inline $ref {node['$ref']}")
        return convert(doc, doc.pointer(node["$ref"]), seen + (node["$ref"],))
    out = {k: node[k] for k in KEPT if k in node}
    if "allOf" in node:
        parts = [convert(doc, part, seen) for part in node["allOf"]]
        out = merge_all(doc, out, parts)
    if "properties" in node:
        props = out.setdefault("properties", {})
        for name, prop in node["properties"].items():
            props[name] = convert(doc, prop, seen)
        out.setdefault("type", "object")
    if "required" in node:
        out["required"] = sorted(set(out.get("required", [])) | set(node["required"]))
    if "items" in node:
        out["items"] = convert(doc, node["items"], seen)
    if "additionalProperties" in node:
        extra = node["additionalProperties"]
        out["additionalProperties"] = extra if isinstance(extra, bool) else convert(doc, extra, seen)
    for key in ("oneOf", "anyOf"):
        if key in node:
            out["oneOf"] = [convert(doc, part, seen) for part in node[key]]
    if "discriminator" in node:
        disc = node["discriminator"]
        out["discriminator"] = {
            "property": disc["propertyName"],
            "mapping": {k: schema_name(v) for k, v in sorted(disc.get("mapping", {}).items())},
        }
    return out


def merge_all(doc, base, parts):
    """Flattens `allOf` parts into one node: properties and required lists merged in order."""
    out = dict(base)
    if len(parts) == 1 and "ref" in parts[0] and resolve(doc, parts[0]).get("type") != "object":
        # `{type: string, allOf: [{$ref: <enum>}]}` is that enum, with the wrapper's modifiers.
        out.pop("type", None)
        out["ref"] = parts[0]["ref"]
        return out
    for part in parts:
        part = resolve(doc, part)
        if "properties" in part:
            out.setdefault("properties", {}).update(part["properties"])
        if "required" in part:
            out["required"] = sorted(set(out.get("required", [])) | set(part["required"]))
        for key, value in part.items():
            if key not in ("properties", "required"):
                out.setdefault(key, value)
    return out


def resolve(doc, node):
    """A converted node with a named ref replaced by the named schema, flattened."""
    while "ref" in node and len(node) == 1:
        node = convert(doc, doc.raw["components"]["schemas"][node["ref"]])
    return node


def parameter(doc, raw):
    raw = doc.pointer(raw["$ref"]) if "$ref" in raw else raw
    out = {"name": raw["name"], "in": raw["in"], "required": bool(raw.get("required", raw["in"] == "path"))}
    out["schema"] = convert(doc, raw.get("schema", {}))
    for key in ("style", "explode"):
        if key in raw:
            out[key] = raw[key]
    return out


def operations(doc):
    for path, item in doc.raw["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item, item[method]


def operation(doc, path, method, item, op):
    params = [parameter(doc, p) for p in item.get("parameters", []) + op.get("parameters", [])]
    out = {"id": op["operationId"], "method": method.upper(), "path": path, "params": params}
    if "requestBody" in op:
        body = op["requestBody"]
        body = doc.pointer(body["$ref"]) if "$ref" in body else body
        [(content_type, media)] = body["content"].items()
        out["body"] = {
            "content_type": content_type,
            "required": bool(body.get("required", False)),
            "schema": convert(doc, media.get("schema", {})),
        }
    responses = []
    for status, response in op["responses"].items():
        response = doc.pointer(response["$ref"]) if "$ref" in response else response
        entry = {"status": status}
        content = response.get("content", {})
        if content:
            [(content_type, media)] = content.items()
            entry["content_type"] = content_type
            if "schema" in media:
                entry["schema"] = convert(doc, media["schema"])
        if "headers" in response:
            entry["headers"] = sorted(response["headers"])
        responses.append(entry)
    out["responses"] = responses
    return out


def reachable(description):
    """The names of the schemas the operations and the webhook notification use, transitively."""
    seen, todo = set(), []

    def visit(node):
        if isinstance(node, dict):
            if "ref" in node and node["ref"] not in seen:
                seen.add(node["ref"])
                todo.append(node["ref"])
            for key, value in node.items():
                if key == "discriminator":
                    for name in value["mapping"].values():
                        visit({"ref": name})
                else:
                    visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(description["operations"])
    visit(description.get("webhook_event"))
    while todo:
        visit(description["schemas"][todo.pop()])
    return seen


def body_fields(doc, op):
    """The top-level field names of an operation's request body (for the v3.4 profile)."""
    if "requestBody" not in op:
        return set()
    body = op["requestBody"]
    body = doc.pointer(body["$ref"]) if "$ref" in body else body
    [(_, media)] = body["content"].items()
    node = resolve(doc, convert(doc, media.get("schema", {})))
    return set(node.get("properties", {}))


def surface_name(op_id, names):
    """(resource, method) of an operation: the table's exception, else the rule of api/names.json."""
    exception = names["exceptions"].get(op_id)
    if exception is not None:
        return exception["resource"], exception["method"]
    verb, _, rest = op_id.partition("_")
    words = rest.split("_")
    best = None
    for resource in names["resources"]:
        for form in (resource, resource[:-1]):
            size = len(form.split("_"))
            if words[:size] == form.split("_") and (best is None or size > best[1]):
                best = (resource, size)
    if best is None:
        raise SystemExit(f"derive: no resource of api/names.json names {op_id!r}; add it or an exception")
    return best[0], "_".join([verb] + words[best[1]:])


def name_operations(description, names):
    """Adds `surface` to every operation; two operations with one name are refused."""
    unused = set(names["exceptions"]) - {op["id"] for op in description["operations"]}
    if unused:
        raise SystemExit(f"derive: api/names.json names operations that do not exist: {sorted(unused)}")
    seen = {}
    for op in description["operations"]:
        resource, method = surface_name(op["id"], names)
        if not (resource.isidentifier() and method.isidentifier()):
            raise SystemExit(f"derive: {op['id']} would be called {resource}.{method}, not identifiers")
        other = seen.setdefault((resource, method), op["id"])
        if other != op["id"]:
            raise SystemExit(f"derive: {other} and {op['id']} would both be {resource}.{method}")
        op["surface"] = {"resource": resource, "method": method}


def derive(spec_dir):
    raw36 = (spec_dir / V36).read_bytes()
    raw34 = (spec_dir / V34).read_bytes()
    v36, v34 = Document(json.loads(raw36)), Document(json.loads(raw34))
    description = {
        "about": "Onfido API v3.6 and the v3.4 profile, derived by api/derive.py from Onfido's OpenAPI "
        "documents: facts only. Do not edit; fix the document's known bugs in api/overrides.json.",
        "source": {
            "v3.6": {"document": V36, "sha256": hashlib.sha256(raw36).hexdigest()},
            "v3.4": {"document": V34, "sha256": hashlib.sha256(raw34).hexdigest()},
        },
        "servers": {
            "v3.6": v36.raw["servers"][0]["url"],
            "v3.4": v34.raw["servers"][0]["url"],
        },
        "security": {
            name: {k: v for k, v in scheme.items() if k != "description"}
            for name, scheme in sorted(v36.raw["components"]["securitySchemes"].items())
        },
        "operations": [operation(v36, *entry) for entry in operations(v36)],
        "schemas": {
            name: convert(v36, node) for name, node in sorted(v36.raw["components"]["schemas"].items())
        },
    }
    # Webhook notifications: the body of create_webhook's `webhookEvent` callback.
    for path, method, _, op in operations(v36):
        for callback in op.get("callbacks", {}).values():
            for item in callback.values():
                body = item["post"]["requestBody"]["content"]["application/json"]["schema"]
                description["webhook_event"] = convert(v36, body)
    keep = reachable(description)
    description["schemas"] = {k: v for k, v in description["schemas"].items() if k in keep}

    # The v3.4 profile: the same method and path, its own id, its own top-level body fields.
    by_route = {(p, m): op for p, m, _, op in operations(v34)}
    for entry, (path, method, _, op36) in zip(description["operations"], operations(v36)):
        op34 = by_route.pop((path, method), None)
        if op34 is None:
            continue
        profile = {"id": op34["operationId"]}
        fields34, fields36 = body_fields(v34, op34), body_fields(v36, op36)
        if fields34 - fields36:
            profile["body_fields_only_in_v3.4"] = sorted(fields34 - fields36)
        if fields36 - fields34:
            profile["body_fields_not_in_v3.4"] = sorted(fields36 - fields34)
        entry["v3.4"] = profile
    name_operations(description, json.loads(NAMES.read_text(encoding="utf-8")))
    description["v3.4_only"] = [
        {"id": op["operationId"], "method": m.upper(), "path": p} for (p, m), op in sorted(by_route.items())
    ]
    return description


def render(description):
    return json.dumps(description, indent=1, sort_keys=False, ensure_ascii=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=pathlib.Path, default=HERE.parent.parent / "shared" / "spec")
    parser.add_argument("--check", action="store_true", help="fail when the committed description is stale")
    args = parser.parse_args()
    text = render(derive(args.spec))
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print("api/onfido-v3.json is stale: run `python3 api/derive.py` and commit it", file=sys.stderr)
            return 1
        print("api/onfido-v3.json matches the OpenAPI documents")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(HERE.parent)}: {len(json.loads(text)['operations'])} operations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
