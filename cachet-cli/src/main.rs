//! The `cachet` command.

fn main() {
    eprintln!("cachet: the command line is not built yet");
    std::process::exit(64);
}
