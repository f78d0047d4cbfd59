//! v3 applicants, their consents, documents, live photos and SDK tokens.

use super::*;

pub(super) fn live_applicant<'a>(sb: &'a Sandbox, call: &Call, field: &str) -> Result<&'a Applicant, HttpResponse> {
    let id = call.text(field).unwrap_or_default();
    match sb.v3.applicant(id) {
        None => Err(not_found()),
        Some(a) if a.deleted_at.is_some() => {
            Err(error(410, "gone", "The resource has been deleted or is scheduled for deletion.", None))
        }
        Some(a) => Ok(a),
    }
}

/// An applicant a body field names: unknown is a 422 on that field.
pub(super) fn named_applicant(sb: &Sandbox, call: &Call) -> Result<Object, HttpResponse> {
    let id = call.text("applicant_id").unwrap_or_default();
    sb.v3
        .live_applicant(id)
        .map(|a| a.object.clone())
        .ok_or_else(|| invalid("applicant_id", "is not an applicant of this account"))
}

/// Consents as stored: each named once, with when it was given.
pub(super) fn consents(existing: &mut Vec<Value>, given: Option<&Value>, now: i64) {
    for consent in given.and_then(Value::as_array).into_iter().flatten() {
        let name = consent.get("name").cloned().unwrap_or_default();
        let granted = consent.get("granted").and_then(Value::as_bool).unwrap_or(false);
        existing.retain(|c| c.get("name") != Some(&name));
        existing.push(json!({ "name": name, "granted": granted, "granted_at": format_rfc3339(now) }));
    }
}

pub(super) fn applicant_fields(object: &mut Object, call: &Call) {
    for (key, value) in &call.input {
        if key != "consents" && key != "applicant_id" && !value.is_null() {
            object.insert(key.clone(), value.clone());
        }
    }
}

pub(super) fn create_applicant(sb: &mut Sandbox, call: &Call) -> Reply {
    let id = sb.store.next_id();
    let mut object = Map::new();
    object.insert("id".into(), id.clone().into());
    object.insert("created_at".into(), format_rfc3339(call.now).into());
    object.insert("href".into(), format!("/v3.6/applicants/{id}").into());
    object.insert("sandbox".into(), true.into());
    applicant_fields(&mut object, call);
    let mut given = Vec::new();
    consents(&mut given, call.input.get("consents"), call.now);
    sb.v3.applicants.push(Applicant { object: object.clone(), consents: given, deleted_at: None });
    Ok(answer(sb, call, 201, Value::Object(object)))
}

pub(super) fn find_applicant(sb: &Sandbox, call: &Call) -> Reply {
    Ok(answer(sb, call, 200, Value::Object(live_applicant(sb, call, "applicant_id")?.object.clone())))
}

pub(super) fn update_applicant(sb: &mut Sandbox, call: &Call) -> Reply {
    live_applicant(sb, call, "applicant_id")?;
    let id = call.text("applicant_id").unwrap_or_default();
    let Some(record) = sb.v3.applicants.iter_mut().find(|a| id_of(&a.object) == id) else { return Err(not_found()) };
    applicant_fields(&mut record.object, call);
    consents(&mut record.consents, call.input.get("consents"), call.now);
    let object = record.object.clone();
    Ok(answer(sb, call, 200, Value::Object(object)))
}

pub(super) fn delete_applicant(sb: &mut Sandbox, call: &Call) -> Reply {
    live_applicant(sb, call, "applicant_id")?;
    let id = call.text("applicant_id").unwrap_or_default();
    if let Some(record) = sb.v3.applicants.iter_mut().find(|a| id_of(&a.object) == id) {
        record.deleted_at = Some(call.now);
        record.object.insert("delete_at".into(), format_rfc3339(call.now + DELETION_DAYS * 86_400).into());
    }
    Ok(no_content())
}

pub(super) fn restore_applicant(sb: &mut Sandbox, call: &Call) -> Reply {
    let id = call.text("applicant_id").unwrap_or_default();
    let record = sb.v3.applicants.iter_mut().find(|a| id_of(&a.object) == id).ok_or_else(not_found)?;
    if record.deleted_at.is_none() {
        return Err(error(422, "validation_error", "The applicant is not scheduled for deletion.", None));
    }
    record.deleted_at = None;
    record.object.remove("delete_at");
    Ok(no_content())
}

pub(super) fn list_applicants(sb: &Sandbox, call: &Call) -> Reply {
    let deleted = call.input.get("include_deleted").and_then(Value::as_bool).unwrap_or(false);
    let items = sb
        .v3
        .applicants
        .iter()
        .rev()
        .filter(|a| deleted || a.deleted_at.is_none())
        .map(|a| Value::Object(a.object.clone()))
        .collect();
    Ok(paged(sb, call, Some("applicants"), items, Some(PER_PAGE)))
}

pub(super) fn upload(sb: &mut Sandbox, call: &Call) -> Reply {
    let applicant = named_applicant(sb, call)?;
    let Some(file) = call.file.clone() else { return Err(invalid("file", "is required")) };
    let kind = FileKind::sniff(&file.content);
    let id = sb.store.next_id();
    let document = call.op.id == "upload_document";
    let href = if document { format!("/v3.6/documents/{id}") } else { format!("/v3.6/live_photos/{id}") };
    let mut object = Map::new();
    object.insert("id".into(), id.into());
    object.insert("created_at".into(), format_rfc3339(call.now).into());
    object.insert("href".into(), href.clone().into());
    object.insert("download_href".into(), format!("{href}/download").into());
    object.insert("file_name".into(), file.filename.clone().into());
    object.insert("file_type".into(), kind.map_or("unknown", FileKind::name).into());
    object.insert("file_size".into(), file.content.len().into());
    if document {
        object.insert("applicant_id".into(), id_of(&applicant).into());
        for key in ["type", "side", "issuing_country"] {
            if let Some(value) = call.input.get(key) {
                object.insert(key.into(), value.clone());
            }
        }
    }
    let blob = Blob {
        content_type: kind.map_or("application/octet-stream", FileKind::content_type).to_owned(),
        filename: file.filename,
        content: file.content,
    };
    let record = Media { applicant_id: id_of(&applicant).to_owned(), object: object.clone(), blob };
    if document {
        sb.v3.documents.push(record);
    } else {
        sb.v3.live_photos.push(record);
    }
    Ok(answer(sb, call, 201, Value::Object(object)))
}

pub(super) fn media<'a>(items: &'a [Media], call: &Call, field: &str) -> Result<&'a Media, HttpResponse> {
    let id = call.text(field).unwrap_or_default();
    items.iter().find(|m| id_of(&m.object) == id).ok_or_else(not_found)
}

pub(super) fn find_media(sb: &Sandbox, call: &Call, items: &[Media], field: &str) -> Reply {
    Ok(answer(sb, call, 200, Value::Object(media(items, call, field)?.object.clone())))
}

pub(super) fn list_media(sb: &Sandbox, call: &Call, items: &[Media], key: &str) -> Reply {
    let applicant_id = call.text("applicant_id").unwrap_or_default();
    let list = items.iter().filter(|m| m.applicant_id == applicant_id).map(|m| Value::Object(m.object.clone()));
    Ok(paged(sb, call, Some(key), list.collect(), None))
}

pub(super) fn download_media(items: &[Media], call: &Call, field: &str) -> Reply {
    let blob = &media(items, call, field)?.blob;
    let name: String =
        blob.filename.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' { c } else { '_' }).collect();
    Ok(file_response(&blob.content, &blob.content_type, &name))
}

pub(super) fn generate_sdk_token(sb: &Sandbox, call: &Call) -> Reply {
    let applicant = named_applicant(sb, call)?;
    let claims = json!({ "exp": call.now + 90 * 60, "iat": call.now, "app": id_of(&applicant),
                         "ref": call.text("referrer"), "application_id": call.text("application_id") });
    Ok(answer(sb, call, 200, json!({ "token": super::super::sdk_token_jwt(&claims) })))
}
