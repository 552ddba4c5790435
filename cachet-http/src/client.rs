//! Who is asking: the client's address, and the scheme and host its links should use.
//!
//! The peer of the TCP connection is the client unless it is a trusted proxy
//! (`--trusted-proxies`); only then are `Forwarded` (RFC 7239) or `X-Forwarded-For`,
//! `X-Forwarded-Proto` and `X-Forwarded-Host` believed. Anyone else's forwarding headers are
//! ignored, so a client cannot pick its own address for rate limits, nor a host for links.

use std::net::{IpAddr, SocketAddr};

use ipnet::IpNet;
use warp::http::{HeaderMap, HeaderValue, header};

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Trusts the given ranges.
    pub fn new(ranges: Vec<IpNet>) -> Self {
        TrustedProxies(ranges)
    }

    /// Whether `ip` is one of them.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }
}

/// The client of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// Its address: the peer, or the first untrusted hop a trusted proxy reports.
    pub ip: IpAddr,
    /// `https` when a trusted proxy says so, else `http`.
    pub scheme: &'static str,
    /// The host it asked for (`X-Forwarded-Host` from a trusted proxy, else `Host`), when it is
    /// a well-formed host name or address with an optional port.
    pub host: Option<String>,
}

impl Client {
    /// A client whose connection is unknown (a request that did not come through the
    /// connection layer, such as an in-process test request): the loopback address.
    pub fn unknown() -> Client {
        Client { ip: IpAddr::from([127, 0, 0, 1]), scheme: "http", host: None }
    }

    /// Leaves in `headers` only what this client's request may say about itself: forwarding
    /// headers are removed (they have been read, from a trusted proxy only), `Host` is the
    /// effective well-formed host or absent, and `X-Forwarded-Proto` is `https` only when a
    /// trusted proxy said so. Everything after the connection layer reads these.
    pub fn normalize(&self, headers: &mut HeaderMap) {
        for name in ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto"] {
            headers.remove(name);
        }
        match self.host.as_deref().and_then(|h| HeaderValue::from_str(h).ok()) {
            Some(host) => headers.insert(header::HOST, host),
            None => headers.remove(header::HOST),
        };
        if self.scheme == "https" {
            headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        }
    }

    /// The client of a request that came from `peer` with `headers`.
    pub fn of(peer: Option<SocketAddr>, headers: &HeaderMap, trusted: &TrustedProxies) -> Client {
        let peer_ip = peer.map_or(IpAddr::from([127, 0, 0, 1]), |p| canonical(p.ip()));
        let host = header_str(headers, header::HOST.as_str()).and_then(valid_host);
        let direct = Client { ip: peer_ip, scheme: "http", host };
        if !trusted.contains(peer_ip) {
            return direct;
        }
        let forwarded = Forwarded::read(headers);
        // Walk the chain from the nearest hop: the client is the first address that is not one
        // of our own proxies (anything further left was written by the client itself).
        let ip = forwarded
            .chain
            .iter()
            .rev()
            .copied()
            .find(|ip| !trusted.contains(*ip))
            .or(forwarded.chain.first().copied());
        Client {
            ip: ip.map_or(peer_ip, canonical),
            scheme: match forwarded.proto.as_deref() {
                Some(p) if p.eq_ignore_ascii_case("https") => "https",
                Some(p) if p.eq_ignore_ascii_case("http") => "http",
                _ => direct.scheme,
            },
            host: forwarded.host.as_deref().and_then(valid_host).or(direct.host),
        }
    }

    /// The key its connection and rate limits count under: the address, or its /64 for IPv6
    /// (one subscriber line usually holds a whole /64).
    pub fn limit_key(ip: IpAddr) -> IpAddr {
        match canonical(ip) {
            IpAddr::V6(v6) => {
                let bits = u128::from(v6) & (!0u128 << 64);
                IpAddr::V6(bits.into())
            }
            v4 => v4,
        }
    }
}

/// What the forwarding headers of a trusted proxy say.
#[derive(Debug, Default)]
struct Forwarded {
    /// Addresses, client first, nearest proxy last.
    chain: Vec<IpAddr>,
    proto: Option<String>,
    host: Option<String>,
}

impl Forwarded {
    /// `Forwarded` when present, else the `X-Forwarded-*` trio.
    fn read(headers: &HeaderMap) -> Forwarded {
        let standard: Vec<&str> = headers.get_all(header::FORWARDED).iter().filter_map(|v| v.to_str().ok()).collect();
        if !standard.is_empty() {
            let mut out = Forwarded::default();
            for element in standard.iter().flat_map(|v| v.split(',')) {
                for pair in element.split(';') {
                    let Some((name, value)) = pair.split_once('=') else { continue };
                    let value = value.trim().trim_matches('"');
                    match name.trim().to_ascii_lowercase().as_str() {
                        "for" => out.chain.extend(node_ip(value)),
                        // The nearest proxy's view is the one that reached us: keep the last.
                        "proto" => out.proto = Some(value.to_string()),
                        "host" => out.host = Some(value.to_string()),
                        _ => {}
                    }
                }
            }
            return out;
        }
        let last = |name: &str| {
            headers
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .rfind(|v| !v.is_empty())
                .map(str::to_string)
        };
        Forwarded {
            chain: headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|v| node_ip(v.trim()))
                .collect(),
            proto: last("x-forwarded-proto"),
            host: last("x-forwarded-host"),
        }
    }
}

/// The address of a `Forwarded: for=` node or an `X-Forwarded-For` entry: `1.2.3.4`,
/// `1.2.3.4:80`, `[2001:db8::1]:80` or `2001:db8::1`; `unknown` and obfuscated names are none.
fn node_ip(value: &str) -> Option<IpAddr> {
    if let Ok(ip) = value.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(addr) = value.parse::<SocketAddr>() {
        return Some(addr.ip());
    }
    value.strip_prefix('[').and_then(|v| v.split(']').next()).and_then(|v| v.parse().ok())
}

/// IPv4-mapped IPv6 addresses (a dual-stack listener's view of IPv4 clients) as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `host` when it is a host name, an IPv4 address or a bracketed IPv6 address, with an
/// optional port: what may go into a link. Anything else (quotes, slashes, `@`, spaces) is none.
fn valid_host(host: &str) -> Option<String> {
    let host = host.trim();
    if host.is_empty() || host.len() > 255 {
        return None;
    }
    let port = if let Some(rest) = host.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        v6.parse::<std::net::Ipv6Addr>().ok()?;
        match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        }
    } else {
        let (name, port) = match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        };
        let labels_ok = name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        if !labels_ok {
            return None;
        }
        port
    };
    if port.is_some_and(|p| p.parse::<u16>().is_err()) {
        return None;
    }
    Some(host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                warp::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    fn peer(ip: &str) -> Option<SocketAddr> {
        Some(SocketAddr::new(ip.parse().unwrap(), 40000))
    }

    fn trusted(ranges: &[&str]) -> TrustedProxies {
        TrustedProxies::new(ranges.iter().map(|r| r.parse().unwrap()).collect())
    }

    #[test]
    fn forwarding_headers_of_an_untrusted_peer_are_ignored() {
        let h = headers(&[
            ("host", "status.example.com"),
            ("x-forwarded-for", "203.0.113.9"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-host", "evil.example"),
        ]);
        let client = Client::of(peer("198.51.100.7"), &h, &trusted(&["10.0.0.0/8"]));
        assert_eq!(client.ip, "198.51.100.7".parse::<IpAddr>().unwrap());
        assert_eq!(client.scheme, "http");
        assert_eq!(client.host.as_deref(), Some("status.example.com"));
    }

    #[test]
    fn a_trusted_proxy_gives_the_client_address_scheme_and_host() {
        let h = headers(&[
            ("host", "10.0.0.2:8000"),
            ("x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.0.0.3"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-host", "status.example.com"),
        ]);
        let client = Client::of(peer("10.0.0.1"), &h, &trusted(&["10.0.0.0/8"]));
        // 1.1.1.1 was written by the client itself: the first untrusted hop from the right wins.
        assert_eq!(client.ip, "203.0.113.9".parse::<IpAddr>().unwrap());
        assert_eq!(client.scheme, "https");
        assert_eq!(client.host.as_deref(), Some("status.example.com"));
    }

    #[test]
    fn the_standard_forwarded_header_is_read_too() {
        let h = headers(&[("forwarded", "for=\"[2001:db8::7]:4711\";proto=https;host=status.example.com")]);
        let client = Client::of(peer("::1"), &h, &trusted(&["::1/128"]));
        assert_eq!(client.ip, "2001:db8::7".parse::<IpAddr>().unwrap());
        assert_eq!((client.scheme, client.host.as_deref()), ("https", Some("status.example.com")));
    }

    #[test]
    fn normalized_headers_keep_only_what_was_believed() {
        let mut h = headers(&[("host", "x\"y"), ("x-forwarded-host", "evil.example"), ("x-forwarded-proto", "https")]);
        let client = Client::of(peer("198.51.100.7"), &h, &trusted(&[]));
        client.normalize(&mut h);
        assert!(!h.contains_key("host") && !h.contains_key("x-forwarded-host") && !h.contains_key("x-forwarded-proto"));
        let mut h = headers(&[
            ("host", "10.0.0.2"),
            ("x-forwarded-host", "status.example.com"),
            ("x-forwarded-proto", "https"),
        ]);
        let client = Client::of(peer("10.0.0.1"), &h, &trusted(&["10.0.0.0/8"]));
        client.normalize(&mut h);
        assert_eq!(h["host"], "status.example.com");
        assert_eq!(h["x-forwarded-proto"], "https");
        assert!(!h.contains_key("x-forwarded-host"));
    }

    #[test]
    fn hosts_that_cannot_go_into_a_link_are_dropped() {
        for bad in ["evil.example/path", "a b", "x\"><script>", "user@host", "host:99999", ""] {
            assert_eq!(valid_host(bad), None, "{bad:?}");
        }
        for good in ["Status.Example.com", "localhost:8000", "127.0.0.1", "[::1]:8000"] {
            assert!(valid_host(good).is_some(), "{good:?}");
        }
    }

    #[test]
    fn ipv6_clients_are_limited_per_64() {
        let a = Client::limit_key("2001:db8:1:2::1".parse().unwrap());
        let b = Client::limit_key("2001:db8:1:2:ffff::9".parse().unwrap());
        assert_eq!(a, b);
        assert_eq!(Client::limit_key("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.1".parse::<IpAddr>().unwrap());
    }
}
