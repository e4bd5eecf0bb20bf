"""The Smart Village self-assessment: start one for a commune or an intercommunality, answer
the questionnaire, read the radar (SVG, with its table), the target and the gap, the history
of the place and the matchmaking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartvillage.hub import indicators, permissions, radar, services
from smartvillage.hub.forms import AssessmentForm, AssessmentStartForm
from smartvillage.hub.models import Assessment, Dimension


@require_GET
def assessments(request: HttpRequest) -> HttpResponse:
    done = Assessment.objects.filter(completed=True).select_related("commune", "area")
    drafts = Assessment.objects.none()
    if request.user.is_authenticated:
        drafts = Assessment.objects.filter(
            completed=False, organisation__in=permissions.territory_organisations(request.user)
        ).select_related("commune", "area")
    context = {
        "assessments": done,
        "drafts": drafts,
        "can_start": permissions.is_territory_staff(request.user),
    }
    return render(request, "hub/assessments.html", context)


@login_required
def assessment_new(request: HttpRequest) -> HttpResponse:
    permissions.require_territory_staff(request.user)
    organisations = permissions.territory_organisations(request.user)
    if request.user.is_staff and not organisations.exists():
        raise PermissionDenied  # platform staff without a public body: nobody to assess for
    form = AssessmentStartForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assessment = Assessment.objects.create(
            commune=data["commune"], area=data.get("area"), organisation=data["organisation"],
            created_by=permissions.user(request),
        )  # fmt: skip
        return redirect("hub:assessment_edit", pk=assessment.pk)
    return render(request, "hub/assessment_new.html", {"form": form})


def _editable(request: HttpRequest, pk: int) -> Assessment:
    assessment = permissions.get_assessment(request.user, pk)
    if not permissions.can_edit_assessment(request.user, assessment):
        raise PermissionDenied
    return assessment


@login_required
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    form = AssessmentForm(request.POST if request.method == "POST" else None, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        services.save_assessment(
            assessment, request.user, form.answers(), form.targets(),
            complete=form.cleaned_data["complete"],
        )  # fmt: skip
        messages.success(request, _("The assessment is saved."))
        return redirect("hub:assessment", pk=assessment.pk)
    context = {"assessment": assessment, "form": form, "groups": form.groups()}
    return render(request, "hub/assessment_form.html", context)


@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = permissions.get_assessment(request.user, pk)
    axes = [(code, str(label)) for code, label in Dimension.choices]
    history = list(assessment.same_place().filter(completed=True).order_by("assessed_on"))
    previous = [a for a in history if a.assessed_on < assessment.assessed_on or (
        a.assessed_on == assessment.assessed_on and a.pk < assessment.pk)]  # fmt: skip
    series = [radar.Series(_("Target in 2–3 years"), assessment.targets, "target")]
    if previous:
        series.append(
            radar.Series(_("Previous assessment (%(date)s)") % {"date": previous[-1].assessed_on},
                         previous[-1].scores, "previous")
        )  # fmt: skip
    series.append(radar.Series(_("Score"), assessment.scores, "score"))
    gaps = services.gaps(assessment)
    rows = [
        {
            "label": label,
            "score": assessment.scores.get(code, 0),
            "target": assessment.targets.get(code),
            "gap": gaps[code],
            "previous": previous[-1].scores.get(code) if previous else None,
        }
        for code, label in axes
    ]
    history_rows = [(a, [a.scores.get(code, 0) for code, _label in axes]) for a in history]
    context = {
        "assessment": assessment,
        "axes": axes,
        "history_rows": history_rows,
        "svg": radar.svg(
            axes, series, _("Scores of %(place)s") % {"place": assessment.place_name}
        ),  # fmt: skip
        "rows": rows,
        "history": history,
        "match": services.matchmaking(assessment) if assessment.completed else None,
        "can_edit": permissions.can_edit_assessment(request.user, assessment),
        "indicator_count": len(indicators.INDICATORS),
    }
    return render(request, "hub/assessment.html", context)
