//! The little of WebSocket (RFC 6455) that the live reload needs: the
//! handshake, and frames from the server (text and ping). What the browser
//! sends after the handshake is never read: the server only talks.

use std::io::{self, Write};
use std::net::TcpStream;

use super::request::Request;

/// The `Sec-WebSocket-Accept` of a handshake's `Sec-WebSocket-Key`.
pub(super) fn accept_key(key: &str) -> String {
    const GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    let digest = sha1_smol::Sha1::from(format!("{key}{GUID}"))
        .digest()
        .bytes();
    base64(&digest)
}

/// Whether a request asks to open a WebSocket from a page of this server:
/// its `Origin` must be the server it asks (so that no other site open in
/// the browser listens in), on loopback.
pub(super) fn is_handshake(request: &Request) -> bool {
    let upgrade = request
        .header("upgrade")
        .is_some_and(|value| value.eq_ignore_ascii_case("websocket"));
    let version = request.header("sec-websocket-version") == Some("13");
    let host = request.header("host").unwrap_or("");
    let loopback = ["127.0.0.1:", "localhost:", "[::1]:"]
        .iter()
        .any(|name| host.starts_with(name));
    let same_origin = request.header("origin") == Some(format!("http://{host}").as_str());
    upgrade && version && loopback && same_origin && request.header("sec-websocket-key").is_some()
}

/// Answers a handshake (`is_handshake`): the connection is a WebSocket now.
pub(super) fn open(stream: &mut TcpStream, request: &Request) -> io::Result<()> {
    let key = request.header("sec-websocket-key").unwrap_or("");
    write!(
        stream,
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {}\r\n\r\n",
        accept_key(key)
    )?;
    stream.flush()
}

/// Sends a text message.
pub(super) fn send_text(stream: &mut TcpStream, text: &str) -> io::Result<()> {
    stream.write_all(&frame(0x1, text.as_bytes()))?;
    stream.flush()
}

/// Sends a ping: a connection whose browser has gone fails on it.
pub(super) fn send_ping(stream: &mut TcpStream) -> io::Result<()> {
    stream.write_all(&frame(0x9, &[]))?;
    stream.flush()
}

/// A whole (FIN), unmasked frame, as a server sends them.
fn frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x80 | opcode];
    match payload.len() {
        len @ 0..=125 => frame.push(len as u8),
        len @ 126..=0xFFFF => {
            frame.push(126);
            frame.extend_from_slice(&(len as u16).to_be_bytes());
        }
        len => {
            frame.push(127);
            frame.extend_from_slice(&(len as u64).to_be_bytes());
        }
    }
    frame.extend_from_slice(payload);
    frame
}

/// Standard base64, with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0_u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accept_key_is_the_one_of_the_rfc() {
        // RFC 6455, section 1.3.
        assert_eq!(
            accept_key("dGhlIHNhbXBsZSBub25jZQ=="),
            "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
    }

    #[test]
    fn base64_pads_as_the_standard_says() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn frames_carry_their_length_in_the_form_it_needs() {
        assert_eq!(frame(0x1, b"hi"), [0x81, 2, b'h', b'i']);
        assert_eq!(&frame(0x1, &[b'a'; 200])[..4], [0x81, 126, 0, 200]);
        assert_eq!(
            &frame(0x1, &[b'a'; 70_000])[..10],
            [0x81, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70]
        );
        assert_eq!(frame(0x9, &[]), [0x89, 0]);
    }
}
