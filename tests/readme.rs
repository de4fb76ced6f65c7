//! The README's rule table is generated from the registry; this test fails when they
//! drift. `UPDATE_README=1 cargo test --test readme` rewrites the table.

const START: &str = "<!-- rules:start (generated from the registry by tests/readme.rs) -->\n";
const END: &str = "<!-- rules:end -->";

fn table() -> String {
    let mut out =
        String::from("| code | severity | category | what it checks |\n|---|---|---|---|\n");
    for rule in extsvc::rules() {
        let severity = serde_json::to_value(rule.severity).unwrap();
        let category = serde_json::to_value(rule.category).unwrap();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.code,
            severity.as_str().unwrap(),
            category.as_str().unwrap(),
            rule.summary.replace('|', "\\|").replace('\n', " ")
        ));
    }
    out
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find(START).expect("rules:start marker in README.md") + START.len();
    let end = readme.find(END).expect("rules:end marker in README.md");
    let want = table();
    if readme[start..end] != want {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{}{}", &readme[..start], want, &readme[end..]);
            std::fs::write(path, updated).expect("write README.md");
        } else {
            panic!("README.md rule table is out of date: run `UPDATE_README=1 cargo test --test readme`");
        }
    }
}
