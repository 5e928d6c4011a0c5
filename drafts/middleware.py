"""Lets the story form's script see where a save sends the editor, without following it.

A save answers with a redirect: to the saved story (with its message kept
for the next page), to the conflict's compare, or to the sign-in page when
the session ended. ``fetch`` would follow it and use the message up on the
way; for a request marked ``X-Desk-Save`` the redirect is answered as JSON
``{"location": ...}`` instead, with its cookies, so the script can tell a
save from an ended session and go where the admin meant to go.
"""

from django.http import JsonResponse

HEADER = "X-Desk-Save"


class SaveRedirectAsJsonMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and request.headers.get(HEADER)
            and response.status_code in (301, 302, 303, 307, 308)
        ):
            answer = JsonResponse({"location": response["Location"]})
            answer.cookies = response.cookies
            answer["Cache-Control"] = "no-store, private"
            return answer
        return response
