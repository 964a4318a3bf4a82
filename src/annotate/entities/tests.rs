use super::*;
use std::path::Path;

/// Loads a project's cleaned articles (the repository's own corpus by default).
fn load(root: &Path) -> Vec<crate::extract::Article> {
    let settings = crate::config::Settings::load(root).unwrap();
    crate::load_articles(&settings, &mut crate::error::Diagnostics::new()).unwrap()
}

#[test]
#[ignore]
fn dump() {
    let root = std::env::var("DOSSIER_ROOT").unwrap_or(env!("CARGO_MANIFEST_DIR").to_string());
    let articles = load(Path::new(&root));
    let texts: Vec<Vec<&str>> = articles
        .iter()
        .map(|a| a.body.iter().map(|b| b.text.as_str()).collect())
        .collect();
    let views: Vec<ArticleText<'_>> = articles
        .iter()
        .zip(&texts)
        .map(|(a, t)| ArticleText {
            language: &a.meta.language,
            blocks: t,
        })
        .collect();
    let t = std::time::Instant::now();
    let entities = find_entities(&views, &[]);
    eprintln!("{:?}", t.elapsed());
    for e in &entities {
        let arts: std::collections::BTreeSet<usize> = e.places.iter().map(|p| p.article).collect();
        println!(
            "{:?}\t{}\t{}\t{:?}\t{:?}",
            e.kind, e.name, e.id, e.variants, arts
        );
    }
}
