//! Typed parse of a check with five expanded reports, beside `serde_json::Value`.

#![allow(missing_docs)] // criterion_group! generates undocumented items.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use onfido_core::operations::checks::RetrieveCheck;
use onfido_core::{HttpResponse, Operation};

const CHECK: &[u8] = include_bytes!("../../tests/fixtures/check_with_five_reports.json");

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
}

criterion_group!(benches, parse);
criterion_main!(benches);
