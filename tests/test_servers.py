"""The helpers that start servers for the tests and the benchmark."""

import sys
import urllib.request

from tests.servers import free_port, output_of, running

CHATTY = """
import http.server, sys
sys.stdout.write("x" * 200_000 + "\\n")  # more than a pipe holds (64 KB)
sys.stdout.flush()
class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        sys.stderr.write("y" * 100_000 + "\\n")
        self.send_response(200); self.end_headers(); self.wfile.write(b"ok")
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Answer).serve_forever()
"""


def test_a_server_that_writes_more_than_a_pipe_holds_keeps_answering(tmp_path):
    """Its output was a pipe read only when it stopped: past 64 KB, its next line would stick it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running([sys.executable, "-c", CHATTY, str(port)], url=url, timeout=20) as process:
        for _ in range(3):
            with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - the local test server
                assert answer.read() == b"ok"
        assert len(output_of(process)) > 400_000
