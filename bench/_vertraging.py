"""A TCP proxy on loopback that adds latency: every chunk is passed on `enkel_ms` later in each direction, so a
round trip (query out, answer back) takes 2 x enkel_ms more, as a database across a VPN or Wi-Fi does. Order and
bandwidth are kept (a chunk waits for its moment, not for the one before it to be answered). No root needed,
unlike `tc netem`."""

from __future__ import annotations

import contextlib
import heapq
import socket
import threading
import time


class VertraagdeVerbinding:
    def __init__(self, doel_poort: int, enkel_ms: float = 10.0, doel_host: str = "127.0.0.1") -> None:
        self.doel = (doel_host, doel_poort)
        self.vertraging = enkel_ms / 1000
        self._luister = socket.create_server(("127.0.0.1", 0))
        self.poort = int(self._luister.getsockname()[1])
        self._stop = threading.Event()
        threading.Thread(target=self._accepteer, daemon=True, name="vertraging-accept").start()

    def _accepteer(self) -> None:
        while not self._stop.is_set():
            try:
                klant, _ = self._luister.accept()
            except OSError:
                return
            server = socket.create_connection(self.doel)
            for s in (klant, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for van, naar in ((klant, server), (server, klant)):
                _Richting(van, naar, self.vertraging, self._stop)

    def sluit(self) -> None:
        self._stop.set()
        self._luister.close()


class _Richting:
    """One direction: a reader that stamps each chunk, a writer that sends it when its time has come."""

    def __init__(self, van: socket.socket, naar: socket.socket, vertraging: float, stop: threading.Event) -> None:
        self.van, self.naar, self.vertraging, self.stop = van, naar, vertraging, stop
        self._rij: list[tuple[float, int, bytes]] = []
        self._n = 0
        self._cond = threading.Condition()
        threading.Thread(target=self._lees, daemon=True).start()
        threading.Thread(target=self._schrijf, daemon=True).start()

    def _lees(self) -> None:
        while True:
            try:
                data = self.van.recv(65536)
            except OSError:
                data = b""
            with self._cond:
                self._n += 1
                heapq.heappush(self._rij, (time.monotonic() + self.vertraging, self._n, data))
                self._cond.notify()
            if not data:
                return

    def _schrijf(self) -> None:
        while True:
            with self._cond:
                while not self._rij:
                    self._cond.wait()
                moment, _n, data = self._rij[0]
                wacht = moment - time.monotonic()
                if wacht > 0:
                    self._cond.wait(wacht)
                    continue
                heapq.heappop(self._rij)
            if not data:
                with contextlib.suppress(OSError):
                    self.naar.shutdown(socket.SHUT_WR)
                return
            try:
                self.naar.sendall(data)
            except OSError:
                return
