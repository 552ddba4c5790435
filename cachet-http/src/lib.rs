//! The HTTP server (see the server issue): API v1, Statuspage v2 and the status page.
