"""Listeners of a hostile or unlucky host: N processes, each listening on its own port of 127.0.0.1 and each with a
very long command line (three arguments of 130,000 characters, about 390 KB, near Linux's limit of 128 KiB for one
argument) that also carries secrets in the forms command lines carry them.

Usage: python3 hostile_listeners.py BASE_PORT COUNT

The first process forks the others, so that they share its memory (and its command line); each child exits when
the first one does. Prints "LISTENING <count>" once every port listens.
"""
import os
import socket
import sys
import time

SECRETS = ["--password", "s3cret-1", "--db-pass=s3cret-2", "PGPASSWORD=s3cret-3", "postgres://app:s3cret-4@db/orders",
           "Authorization:", "Bearer", "s3cret-5"]


def main():
    base, count = int(sys.argv[1]), int(sys.argv[2])
    if len(sys.argv) == 3:
        padding = ["--data-%d=%s" % (i, "x" * 130000) for i in range(3)]
        os.execv(sys.executable, [sys.executable, __file__, str(base), str(count)] + SECRETS + padding)
    parent = os.getpid()
    ready_read, ready_write = os.pipe()
    for index in range(count):
        if index < count - 1 and os.fork() != 0:
            continue
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", base + index))
        listener.listen(16)
        os.write(ready_write, b"x")
        if os.getpid() == parent:
            break
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)
    received = 0
    while received < count:
        received += len(os.read(ready_read, count))
    print("LISTENING %d" % count, flush=True)
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main()
