"""deploy.loopback reads the balancer's access log: which replica served each request, and when it connected."""
from deploy.loopback import ACCESS_LINE, _access

# Lines in deploy/haproxy.cfg's format, after two of a run's log with the time written added: a request to app1,
# and a kept-alive one, redispatched after three retries, whose request date (11:21:36.581) is 11 s before it began
# (written at 11:21:49.996, less its 2,006 ms).
SERVED = ('127.0.0.1:39020 [07/Dec/2026:11:20:52.694] dashboard replicas/app1 0/0/13/48/80 200 11150 - - --VN '
          '42/42/26/16/0 0/0 {reader-06} "GET /static/js/a.js HTTP/1.1" 1796642452774')
REDISPATCHED = ('127.0.0.1:39020 [07/Dec/2026:11:21:36.581] dashboard replicas/app2 0/2004/0/2/2006 200 257 - - --DI '
                '69/69/13/5/+3 0/0 {reader-06} "GET /_stcore/health HTTP/1.1" 1796642509996')
STATS = '127.0.0.1:48390 [07/Dec/2026:11:56:30.395] stats stats/<STATS> 0/0/0/0/0 200 3092 - - LR-- 80/1/0/0/0 0/0 "GET /;csv HTTP/1.1" 1796642190395'


def test_a_request_connected_when_its_line_was_written_less_what_followed_the_connection():
    access = _access(ACCESS_LINE.search(SERVED))
    assert (access.server, access.status, access.agent, access.request) == ("app1", 200, "reader-06",
                                                                            "GET /static/js/a.js HTTP/1.1")
    assert access.connected == (1796642452774 - 80 + 13) / 1000


def test_the_waits_of_retries_and_a_redispatch_count_from_when_the_request_began_not_from_its_date():
    access = _access(ACCESS_LINE.search(REDISPATCHED))
    began = (1796642509996 - 2006) / 1000  # 11:21:47.990
    assert access.server == "app2" and access.connected == began + 2.004


def test_only_the_replicas_requests_are_read():
    assert ACCESS_LINE.search(STATS) is None
    assert ACCESS_LINE.search(SERVED.rsplit(" ", 1)[0]) is None  # a line of another format is not misread
