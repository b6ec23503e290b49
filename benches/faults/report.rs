//! One row per scenario, printed as a markdown table at the end.

/// What a scenario did, what it counted, and whether the required figures held.
pub struct Row {
    pub scenario: String,
    pub done: String,
    pub result: String,
    pub pass: bool,
}

impl Row {
    /// A scenario that could not be carried out: the suite's own failure, said plainly.
    pub fn broken(scenario: &str, error: &anyhow::Error) -> Row {
        Row {
            scenario: scenario.to_string(),
            done: "did not complete".to_string(),
            result: format!("suite error: {error:#}"),
            pass: false,
        }
    }
}

pub fn print(rows: &[Row], command: &str, cores: usize, seconds: f64) {
    println!();
    println!(
        "`{command}`, {} UTC, {cores} cores, {seconds:.0} s in all",
        chrono::Utc::now().format("%Y-%m-%d %H:%M")
    );
    println!();
    println!("| scenario | done | result | pass |");
    println!("|---|---|---|---|");
    for row in rows {
        println!(
            "| {} | {} | {} | {} |",
            cell(&row.scenario),
            cell(&row.done),
            cell(&row.result),
            if row.pass { "yes" } else { "**NO**" }
        );
    }
}

/// Keeps a cell on one line and its pipes from ending it.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
