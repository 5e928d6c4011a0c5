"""An open form's quiet heartbeat, answered before sessions, CSRF and authentication (``presence.quiet``)."""

from .quiet import quiet_answer


class QuietHeartbeatMiddleware:
    """Answers a heartbeat whose pass holds and whose panel has not changed; passes every other request on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path.endswith("/beat/"):
            answer = quiet_answer(request)
            if answer is not None:
                return answer
        return self.get_response(request)
