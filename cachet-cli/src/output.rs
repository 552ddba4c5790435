//! How results reach the terminal: aligned tables (coloured statuses on a terminal unless
//! `NO_COLOR` is set), JSON for scripts with `--json`, nothing but errors with `--quiet`.
//! Commands hand over JSON values and a row layout; they never print directly.

use std::io::{IsTerminal, Write};

use serde_json::Value;

/// Where and how results are written.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// Print JSON instead of tables.
    pub json: bool,
    /// Print nothing on success (errors still go to stderr).
    pub quiet: bool,
    /// Colour status words.
    pub color: bool,
}

/// A table column: its header and how a row's cell is drawn.
pub struct Column {
    /// Header text.
    pub header: &'static str,
    /// The cell for one row.
    pub cell: fn(&Value) -> Cell,
}

/// One table cell: its text and an optional colour.
pub struct Cell {
    /// Plain text.
    pub text: String,
    /// ANSI colour code, applied on a terminal.
    pub color: Option<&'static str>,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell { text, color: None }
    }
}

/// ANSI colours for statuses.
pub mod colors {
    /// Green.
    pub const GREEN: &str = "32";
    /// Yellow.
    pub const YELLOW: &str = "33";
    /// Red.
    pub const RED: &str = "31";
    /// Blue.
    pub const BLUE: &str = "34";
    /// Grey.
    pub const GREY: &str = "90";
}

impl Output {
    /// Output settings from the flags and the environment.
    pub fn new(json: bool, quiet: bool) -> Self {
        let color =
            !json && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal();
        Output { json, quiet, color }
    }

    fn emit(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        // A closed pipe (`cachet component list | head -1`) is not an error worth reporting.
        let _ = writeln!(out, "{text}");
    }

    fn emit_json(&self, value: &Value) {
        self.emit(&serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string()));
    }

    /// A list: a table, or a JSON array with `--json`.
    pub fn list(&self, rows: &[Value], columns: &[Column]) {
        if self.quiet {
            return;
        }
        if self.json {
            self.emit_json(&Value::Array(rows.to_vec()));
            return;
        }
        let cells: Vec<Vec<Cell>> = rows.iter().map(|r| columns.iter().map(|c| (c.cell)(r)).collect()).collect();
        let mut widths: Vec<usize> = columns.iter().map(|c| c.header.chars().count()).collect();
        for row in &cells {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.text.chars().count());
            }
        }
        let header: Vec<Cell> = columns.iter().map(|c| Cell { text: c.header.to_uppercase(), color: None }).collect();
        self.emit(&self.line(&header, &widths, true));
        for row in &cells {
            self.emit(&self.line(row, &widths, false));
        }
    }

    fn line(&self, cells: &[Cell], widths: &[usize], bold: bool) -> String {
        let mut s = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            let last = i + 1 == cells.len();
            let pad = if last { 0 } else { width.saturating_sub(cell.text.chars().count()) + 2 };
            let code = if bold { Some("1") } else { cell.color };
            match code {
                Some(code) if self.color => s.push_str(&format!("\x1b[{code}m{}\x1b[0m", cell.text)),
                _ => s.push_str(&cell.text),
            }
            s.push_str(&" ".repeat(pad));
        }
        s.trim_end().to_string()
    }

    /// One item: `field: value` lines, or the JSON object with `--json`.
    pub fn item(&self, value: &Value, fields: &[Column]) {
        if self.quiet {
            return;
        }
        if self.json {
            self.emit_json(value);
            return;
        }
        let width = fields.iter().map(|f| f.header.len()).max().unwrap_or(0);
        for field in fields {
            let cell = (field.cell)(value);
            let text = match cell.color {
                Some(code) if self.color => format!("\x1b[{code}m{}\x1b[0m", cell.text),
                _ => cell.text,
            };
            self.emit(&format!("{:width$}  {text}", format!("{}:", field.header), width = width + 1));
        }
    }

    /// A one-line confirmation such as `component 3 updated`, or the item as JSON with `--json`.
    pub fn done(&self, message: &str, value: Option<&Value>) {
        if self.quiet {
            return;
        }
        match (self.json, value) {
            (true, Some(v)) => self.emit_json(v),
            (true, None) => self.emit_json(&serde_json::json!({ "message": message })),
            _ => self.emit(message),
        }
    }

    /// Raw text that is the result itself (a token, a setting's value, a man page): printed even
    /// with `--quiet`, since asking for it is the point of the command.
    pub fn raw(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        if !text.ends_with('\n') {
            let _ = out.write_all(b"\n");
        }
    }
}

/// The text of `v[key]`: strings as they are, null as `-`, anything else as JSON.
pub fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        None | Some(Value::Null) => "-".to_string(),
        Some(Value::String(s)) if s.is_empty() => "-".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.to_string(),
        Some(other) => other.to_string(),
    }
}

/// `v[key]` as an integer, accepting numbers and numeric strings (the API sends both).
pub fn int(v: &Value, key: &str) -> Option<i64> {
    match v.get(key)? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.parse().ok(),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// `v[key]` as a boolean, accepting `true`, `1` and `"1"`.
pub fn flag(v: &Value, key: &str) -> bool {
    match v.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        Some(Value::String(s)) => s == "1" || s == "true",
        _ => false,
    }
}

/// A time as `YYYY-MM-DD HH:MM` (UTC), from RFC 3339 or Cachet's `YYYY-MM-DD HH:MM:SS`.
pub fn time(v: &Value, key: &str) -> String {
    let Some(Value::String(s)) = v.get(key) else { return "-".to_string() };
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return t.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M").to_string();
    }
    s.get(..16).unwrap_or(s).replace('T', " ")
}

/// A component status cell: the label, coloured by severity.
pub fn component_status(v: &Value) -> Cell {
    use cachet_core::model::ComponentStatus as S;
    match int(v, "status").and_then(|n| S::from_value(n).ok()) {
        Some(s) => {
            let color = match s {
                S::Unknown => colors::GREY,
                S::Operational => colors::GREEN,
                S::PerformanceIssues => colors::BLUE,
                S::PartialOutage => colors::YELLOW,
                S::MajorOutage => colors::RED,
            };
            Cell { text: s.label().to_string(), color: Some(color) }
        }
        None => text(v, "status").into(),
    }
}

/// An incident status cell.
pub fn incident_status(v: &Value) -> Cell {
    use cachet_core::model::IncidentStatus as S;
    match int(v, "status").and_then(|n| S::from_value(n).ok()) {
        Some(s) => {
            let color = match s {
                S::Fixed => colors::GREEN,
                S::Watching => colors::BLUE,
                S::Scheduled => colors::GREY,
                _ => colors::YELLOW,
            };
            Cell { text: s.label().to_string(), color: Some(color) }
        }
        None => text(v, "status").into(),
    }
}

/// A maintenance status cell.
pub fn schedule_status(v: &Value) -> Cell {
    use cachet_core::model::ScheduleStatus as S;
    match int(v, "status").and_then(|n| S::from_value(n).ok()) {
        Some(s) => {
            let color = match s {
                S::Upcoming => colors::GREY,
                S::InProgress => colors::BLUE,
                S::Complete => colors::GREEN,
            };
            Cell { text: s.label().to_string(), color: Some(color) }
        }
        None => text(v, "status").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str], color: Option<&'static str>) -> Vec<Cell> {
        texts.iter().map(|t| Cell { text: t.to_string(), color }).collect()
    }

    #[test]
    fn columns_are_padded_to_their_widths_and_lines_trimmed() {
        let out = Output { json: false, quiet: false, color: false };
        assert_eq!(out.line(&cells(&["1", "API", "x"], None), &[2, 5, 1], false), "1   API    x");
        assert_eq!(out.line(&cells(&["1", ""], None), &[2, 5], false), "1");
    }

    #[test]
    fn colour_wraps_cells_only_when_enabled() {
        let plain = Output { json: false, quiet: false, color: false };
        let coloured = Output { color: true, ..plain };
        let row = cells(&["Major Outage"], Some(colors::RED));
        assert_eq!(plain.line(&row, &[12], false), "Major Outage");
        assert_eq!(coloured.line(&row, &[12], false), "\x1b[31mMajor Outage\x1b[0m");
    }

    #[test]
    fn api_and_core_times_print_alike() {
        let core = serde_json::json!({"at": "2026-05-01T22:00:00.123456Z"});
        let api = serde_json::json!({"at": "2026-05-01 22:00:00"});
        assert_eq!(time(&core, "at"), "2026-05-01 22:00");
        assert_eq!(time(&api, "at"), "2026-05-01 22:00");
    }
}
