//! Typed parse beside `serde_json::Value`: a v2 check with five expanded reports, the v3.6 reports
//! of a check and a v3.6 document report (the generated models, and the tables' JSON reading).

#![allow(missing_docs)] // criterion_group! generates undocumented items.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use onfido_core::operations::checks::RetrieveCheck;
use onfido_core::v3::endpoints::{FindReport, ListReports};
use onfido_core::v3::{self, Endpoint};
use onfido_core::{ApiVersion, HttpResponse, Operation};

const CHECK: &[u8] = include_bytes!("../../tests/fixtures/check_with_five_reports.json");
const V3_REPORTS: &[u8] = include_bytes!("../../tests/fixtures/v3_reports_of_a_check.json");
const V3_DOCUMENT: &[u8] = include_bytes!("../../tests/fixtures/v3_document_report.json");

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_check_5_reports");
    group.throughput(Throughput::Bytes(CHECK.len() as u64));
    group.bench_function(BenchmarkId::new("serde_json_value", CHECK.len()), |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(std::hint::black_box(CHECK)))
    });
    group.bench_function(BenchmarkId::new("typed_check", CHECK.len()), |b| {
        b.iter(|| RetrieveCheck::parse(HttpResponse::new(200, std::hint::black_box(CHECK).to_vec())))
    });
    group.finish();
    v3(
        c,
        "parse_v3_reports_of_a_check",
        V3_REPORTS,
        |body| ListReports::parse(ApiVersion::V3_6, HttpResponse::new(200, body.to_vec())).map(|_| ()),
        "list_reports",
    );
    v3(
        c,
        "parse_v3_document_report",
        V3_DOCUMENT,
        |body| FindReport::parse(ApiVersion::V3_6, HttpResponse::new(200, body.to_vec())).map(|_| ()),
        "find_report",
    );
}

/// One v3 answer three ways: `Value`, the typed model, and the tables' checked JSON.
fn v3(
    c: &mut Criterion,
    group: &str,
    body: &'static [u8],
    typed: fn(&[u8]) -> Result<(), onfido_core::Error>,
    id: &str,
) {
    let mut group = c.benchmark_group(group);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function(BenchmarkId::new("serde_json_value", body.len()), |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(std::hint::black_box(body)))
    });
    group.bench_function(BenchmarkId::new("typed_model", body.len()), |b| b.iter(|| typed(std::hint::black_box(body))));
    group.bench_function(BenchmarkId::new("tables_json", body.len()), |b| {
        b.iter(|| v3::parse_response(ApiVersion::V3_6, id, HttpResponse::new(200, std::hint::black_box(body).to_vec())))
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
