"""Drives a headless Chromium over the DevTools protocol through newsq serve's pages, as a
person would: type a query, page on, click a filter, open an article. Fails on a missing
element, a failed request or a console error. Standard library only (a minimal WebSocket
client), so a clean machine needs nothing but Chromium.

Usage: browser_test.py BASE_URL [--screenshots DIR]
"""
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


class WebSocket:
    """Text frames over one TCP connection (RFC 6455), enough for the DevTools protocol."""

    def __init__(self, url):
        match = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
        host, port, path = match.group(1), int(match.group(2)), match.group(3)
        self.sock = socket.create_connection((host, port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"WebSocket handshake refused: {head!r}")

    def send(self, text):
        payload = text.encode()
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 65536:
            header += bytes([0x80 | 126]) + len(payload).to_bytes(2, "big")
        else:
            header += bytes([0x80 | 127]) + len(payload).to_bytes(8, "big")
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _exactly(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise RuntimeError("the browser closed the connection")
            data += chunk
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._exactly(2)
            length = second & 0x7F
            if length == 126:
                length = int.from_bytes(self._exactly(2), "big")
            elif length == 127:
                length = int.from_bytes(self._exactly(8), "big")
            payload = self._exactly(length)
            opcode = first & 0x0F
            if opcode == 0x9:  # ping: answer, keep reading
                continue
            message += payload
            if first & 0x80:
                return message.decode()


class Browser:
    def __init__(self, chromium, width=1280, height=900):
        self.profile = tempfile.mkdtemp(prefix="newsq-browser-")
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--disable-background-networking", "--disable-component-update",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port = None
        for line in self.process.stderr:
            found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if found:
                port = int(found.group(1))
                break
        if port is None:
            raise RuntimeError("chromium did not open its DevTools port")
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = WebSocket(page["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events = []
        self.problems = []
        for domain in ["Page", "Runtime", "Network", "Log"]:
            self.call(f"{domain}.enable")

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.note(message)

    def note(self, event):
        method, params = event.get("method"), event.get("params", {})
        self.events.append(method)
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.problems.append(f"console error: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            self.problems.append(f"script exception: {params['exceptionDetails'].get('text')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.problems.append(f"browser error: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == "Network.loadingFailed":
            self.problems.append(f"request failed: {params.get('errorText')}")
        elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
            self.problems.append(f"HTTP {params['response']['status']}: {params['response']['url']}")

    def wait_for_load(self):
        deadline = time.time() + 20
        while time.time() < deadline:
            event = json.loads(self.ws.receive())
            self.note(event)
            if event.get("method") == "Page.loadEventFired":
                return
        raise RuntimeError("the page did not finish loading")

    def navigate(self, url):
        self.call("Page.navigate", url=url)
        self.wait_for_load()

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector):
        """A real mouse click at the middle of the first element `selector` finds; waits for
        the page it opens."""
        box = self.evaluate(f"""(() => {{
            const e = document.querySelector({json.dumps(selector)});
            if (!e) return null;
            e.scrollIntoView({{block: "center"}});
            const r = e.getClientRects()[0];  // a link wrapped on two lines: its first line
            return {{x: r.left + r.width / 2, y: r.top + r.height / 2}};
        }})()""")
        if box is None:
            raise AssertionError(f"nothing on the page matches {selector}")
        for kind in ["mousePressed", "mouseReleased"]:
            self.call("Input.dispatchMouseEvent", type=kind, x=box["x"], y=box["y"], button="left", clickCount=1)
        self.wait_for_load()

    def type_and_submit(self, selector, text):
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.evaluate(f"document.querySelector({json.dumps(selector)}).select()")
        self.call("Input.insertText", text=text)
        self.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter",
                  windowsVirtualKeyCode=13, text="\r")
        self.call("Input.dispatchKeyEvent", type="keyUp", key="Enter", code="Enter", windowsVirtualKeyCode=13)
        self.wait_for_load()

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def run(base, screenshots):
    browser = Browser(shutil.which("chromium") or "chromium")
    try:
        browser.navigate(base)
        check(browser.evaluate("!!document.querySelector('#q')"), "the search box is missing")

        browser.type_and_submit("#q", "ai")
        check(browser.evaluate("location.search").startswith("?q=ai"), "submitting did not search")
        check(browser.evaluate("document.querySelectorAll('.hit').length") == 10, "the first page does not show 10 hits")
        check(browser.evaluate("document.querySelectorAll('.hit mark').length") > 0, "no match is highlighted")
        check(browser.evaluate("document.querySelectorAll('.timeline svg rect').length") > 1, "no timeline bars")
        if screenshots:
            browser.screenshot(os.path.join(screenshots, "search-en.png"))

        browser.click("a[rel=next]")
        check(browser.evaluate("document.querySelector('ol.hits').start") == 11, "Next did not show hits 11 on")

        topic = browser.evaluate("document.querySelector('.hit .chips a').textContent")
        browser.click(".hit .chips a")
        chip = browser.evaluate("document.querySelector('a.filter') && document.querySelector('a.filter').textContent")
        check(chip == f"topic: {topic} ✕", f"the topic filter is not shown in force: {chip!r}")
        topics = browser.evaluate("[...document.querySelectorAll('.hit')].map(h => [...h.querySelectorAll('.chips a')].map(a => a.textContent.toLowerCase()))")
        check(topics and all(topic.lower() in t for t in topics), "a hit without the clicked topic is shown")

        title = browser.evaluate("document.querySelector('.hit h2 a').textContent")
        browser.click(".hit h2 a")
        check(browser.evaluate("location.pathname").startswith("/articles/"), "the title did not open the article")
        check(browser.evaluate("document.querySelector('h1').textContent") == title, "the article page has another title")
        check(browser.evaluate("document.querySelectorAll('dl dt').length") >= 3, "the article's metadata is missing")

        browser.navigate(base + "?q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD")
        check(browser.evaluate("[...document.querySelectorAll('.hit mark')].some(m => m.textContent === '人工智能')"),
              "the Chinese query is not highlighted")
        if screenshots:
            browser.screenshot(os.path.join(screenshots, "search-zh.png"))

        # Phone width: the page must not scroll sideways.
        browser.call("Emulation.setDeviceMetricsOverride", width=375, height=740, deviceScaleFactor=1, mobile=True)
        browser.navigate(base + "?q=ai")
        overflow = browser.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 0, f"at phone width the page is {overflow}px wider than the window")

        check(not browser.problems, "problems while browsing:\n  " + "\n  ".join(browser.problems))
    finally:
        browser.close()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    shots = None
    if "--screenshots" in arguments:
        index = arguments.index("--screenshots")
        shots = arguments[index + 1]
        del arguments[index:index + 2]
        os.makedirs(shots, exist_ok=True)
    run(arguments[0], shots)
    print("browser test: search, paging, filter, article and Chinese pages work in Chromium")
