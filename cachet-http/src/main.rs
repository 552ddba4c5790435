//! `cachet-server`: Cachet's API and status page over one database.

use clap::Parser;

// glibc's malloc keeps an arena per thread and gives little back: under load the server held
// 150-180 MB where jemalloc holds 70 MB (bench/scale.sh, large set).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Serve Cachet's API v1 and the status page.
#[derive(Parser)]
#[command(name = "cachet-server", version, about)]
struct Cli {
    #[command(flatten)]
    serve: cachet_http::ServeArgs,
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = cachet_http::run_blocking(cli.serve) {
        eprintln!("cachet-server: {e:#}");
        std::process::exit(1);
    }
}
