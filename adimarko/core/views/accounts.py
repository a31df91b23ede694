from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from adimarko.core import seams, services, throttle
from adimarko.core.forms import EmailLoginForm, NewPasswordForm, ProfileForm, SignUpForm
from adimarko.core.roles import user_roles
from adimarko.core.selectors import business_list_for_user
from adimarko.core.web import add_service_errors


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("account_profile")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_register(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Adi Marko! Your account is ready."))
            return redirect("account_profile")
    return render(request, "account/signup.html", {"form": form})


class LoginView(auth_views.LoginView):
    template_name = "account/login.html"
    authentication_form = EmailLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        seams.logged_in.notify(request=self.request)  # shop.orders: an anonymous cart joins the buyer's cart
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "account/password_reset.html"
    email_template_name = "account/email/password_reset.txt"
    subject_template_name = "account/email/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        # Rate limited per address and per email, so the form cannot be used to flood an inbox.
        wait = throttle.password_reset_wait(self.request, email=form.cleaned_data["email"])
        if wait:
            form.add_error(None, throttle.too_many_requests_message(wait))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "account/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "account/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "account/password_reset_complete.html"


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={"first_name": user.first_name, "last_name": user.last_name, "phone": user.phone},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.user_profile_update(user=user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("account_profile")
    context = {
        "form": form,
        "roles": sorted(role.label for role in user_roles(user)),
        "businesses": business_list_for_user(user=user),
    }
    return render(request, "account/profile.html", context)
