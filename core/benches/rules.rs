//! HMAC over webhook-sized and large bodies, and referrer pattern matching.
#![allow(missing_docs)] // criterion_group! generates undocumented items.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use onfido_core::referrer::ReferrerPattern;
use onfido_core::webhook::{self, Algorithm};

fn hmac(c: &mut Criterion) {
    let mut group = c.benchmark_group("webhook_hmac");
    for size in [2 * 1024, 1024 * 1024] {
        let body: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
        group.throughput(Throughput::Bytes(size as u64));
        for (name, algorithm) in [("sha1", Algorithm::Sha1), ("sha256", Algorithm::Sha256)] {
            let signature = webhook::sign(&body, "yV85IsmuYwmjQGlZ", algorithm);
            group.bench_with_input(BenchmarkId::new(name, size), &body, |b, body| {
                b.iter(|| webhook::verify(std::hint::black_box(body), &signature, "yV85IsmuYwmjQGlZ", algorithm))
            });
        }
    }
    group.finish();
}

fn referrer(c: &mut Criterion) {
    let mut group = c.benchmark_group("referrer");
    let Ok(pattern) = ReferrerPattern::parse("https://*.onfido.com/documentation/*") else { return };
    group.bench_function("parse", |b| {
        b.iter(|| ReferrerPattern::parse(std::hint::black_box("https://*.onfido.com/documentation/*")))
    });
    group.bench_function("match", |b| {
        b.iter(|| pattern.matches(std::hint::black_box("https://www.onfido.com/documentation/api?lang=en")))
    });
    group.finish();
}

criterion_group!(benches, hmac, referrer);
criterion_main!(benches);
