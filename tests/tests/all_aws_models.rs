//! Every AWS model in `../shared/models/aws` goes through the generator without a
//! panic: restJson1 services generate a crate in memory, the others are reported
//! as unsupported with a clear diagnostic naming the protocol.

use std::panic::{AssertUnwindSafe, catch_unwind};

use codegen::Generator;
use integration_tests::shared_models;

#[test]
fn every_aws_model_generates_or_is_clearly_unsupported() {
    let mut paths: Vec<_> = std::fs::read_dir(shared_models().join("aws"))
        .expect("../shared/models/aws")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(
        paths.len() > 300,
        "expected the AWS corpus, found {}",
        paths.len()
    );
    let (mut generated, mut unsupported) = (0, 0);
    let mut failures = Vec::new();
    for path in &paths {
        let result = catch_unwind(AssertUnwindSafe(|| Generator::new().model(path).generate()));
        match result {
            Err(_) => failures.push(format!("{}: PANIC", path.display())),
            Ok(Ok(files)) => {
                assert!(files.get("src/lib.rs").is_some());
                generated += 1;
            }
            Ok(Err(d)) => {
                let text = d.to_string();
                if text.contains("is not supported yet") && d.len() == 1 {
                    unsupported += 1;
                } else {
                    failures.push(format!("{}:\n{text}", path.display()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} models failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(
        generated >= 200,
        "only {generated} restJson1 models generated"
    );
    assert!(
        unsupported >= 100,
        "only {unsupported} models reported as unsupported"
    );
}
