"""The one root of refused domain actions, and how a view shows a refusal to the user.

A service or selector that refuses what a user asked for (a rule, a state, a permission of the
domain) raises a subclass of `ActionRefused` defined in its own module (one per service module:
`SkpRefused`, `AssignmentRefused`, `RegistrationRefused`, ...). The message is Indonesian and is
shown to the user as is; `field` optionally names the form field it belongs to. Views, tasks and
management commands catch `ActionRefused` (or the module's subclass where they must tell refusals
apart) and turn it into feedback through `refusal_shown`, a 404, a JSON answer or a CommandError.

Programmer errors (an impossible state, a wrong call) are not refusals: they stay ValueError and
friends, and Django's model/form validation stays ValidationError.
"""

from django.contrib import messages


class ActionRefused(Exception):
    """A domain action was refused.

    `message`: Indonesian text shown to the user unchanged (a subclass may give a
    `default_message` for refusals raised without one). `field`: the name of the input the
    refusal is about (e.g. "nip"), so a view can attach it to that form field; None for the
    whole action.
    """

    default_message = ""

    def __init__(self, message: str = "", *, field: str | None = None):
        self.message = message or self.default_message
        self.field = field
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def refusal_shown(request, refused: ActionRefused, *, form=None, field: str | None = None) -> None:
    """Show a refusal to the user.

    With `form` (a Django form): the message becomes an error of `field`, else of the refusal's
    own `field`, when the form has that field, else a non-field error; the view then renders the
    form again. Without a form: an error message (django.contrib.messages) on the next page.
    """
    if form is None:
        messages.error(request, refused.message)
        return
    name = field or refused.field
    form.add_error(name if name in form.fields else None, refused.message)
