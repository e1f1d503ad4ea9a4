"""Dev gateway endpoint for docker/compose.yaml: prints what the `http` gateway posts, answers 200 with an id.
With SINK_CERT and SINK_KEY (PEM files) it speaks HTTPS: the gateway sends plain http only to localhost."""
import http.server
import itertools
import json
import os
import ssl

ids = itertools.count(1)


class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8", "replace")
        print(f"{self.path} {body}", flush=True)
        answer = json.dumps({"id": f"sink-{next(ids)}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_PUT = do_POST

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("0.0.0.0", 8000), Sink)
if os.environ.get("SINK_CERT"):
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(os.environ["SINK_CERT"], os.environ["SINK_KEY"])
    server.socket = tls.wrap_socket(server.socket, server_side=True)
server.serve_forever()
