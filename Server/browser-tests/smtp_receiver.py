"""A local SMTP receiver for the browser tests: aiosmtpd on 127.0.0.1, one .eml file per message.

    python3 smtp_receiver.py --dir MAILDIR --port-file FILE

Binds a free port, writes it to FILE once listening, and runs until SIGTERM.
"""
import argparse
import os
import signal
import socket
import threading
import time

from aiosmtpd.controller import Controller


class SaveToDirectory:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(self.directory, f"{int(time.time() * 1000)}-{self.count:04d}.eml")
        with open(name + ".part", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        os.replace(name + ".part", name)
        return "250 Message accepted"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    arguments = parser.parse_args()
    os.makedirs(arguments.dir, exist_ok=True)
    port = free_port()
    controller = Controller(SaveToDirectory(arguments.dir), hostname="127.0.0.1", port=port)
    controller.start()
    with open(arguments.port_file + ".part", "w") as out:
        out.write(str(port))
    os.replace(arguments.port_file + ".part", arguments.port_file)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
