"""One-sentence text equivalents of the charts ("Le pic est en 2023 avec 44 déploiements")."""

from __future__ import annotations

import pandas as pd

from utils.i18n import tr
from utils.timeline import peak


def starts_summary(per_year: pd.Series, undated: int, lang: str) -> str:
    """The year most deployments started, and how many deployments have no start year."""
    top = peak(per_year)
    if top is None:
        sentence = tr(lang, "Aucun déploiement daté dans la sélection.",
                      "No dated deployment in the selection.")
    else:
        sentence = tr(lang, f"Le pic est en {top[0]} avec {_deployments(top[1], lang)} lancés.",
                      f"The peak is in {top[0]} with {_deployments(top[1], lang)} started.")
    return sentence + _undated_clause(undated, lang)


def active_summary(active: pd.DataFrame, lang: str) -> str:
    """The year most deployments were in service."""
    top = peak(active.set_index("year")["deployments"]) if not active.empty else None
    if top is None:
        return tr(lang, "Aucun déploiement en service dans la sélection.",
                  "No deployment in service in the selection.")
    return tr(lang, f"Le pic est en {top[0]} avec {_deployments(top[1], lang)} en service.",
              f"The peak is in {top[0]} with {_deployments(top[1], lang)} in service.")


def lanes_summary(dated: int, undated: int, lang: str, limit: int | None = None) -> str:
    """How many lanes are drawn, and how many deployments are listed apart.

    Beyond `limit` lanes, no lane is drawn: the sentence says so and suggests filtering.
    """
    sentence = tr(lang, f"{_deployments(dated, lang)} avec une date de début.",
                  f"{_deployments(dated, lang).capitalize()} with a start date.")
    if limit is not None and dated > limit:
        sentence += tr(lang, f" C'est trop pour une ligne par déploiement (au plus {limit}) : affinez la "
                             "sélection avec les filtres ; le tableau ci-dessous les liste tous.",
                       f" Too many for one lane each (at most {limit}): narrow the selection with the "
                       "filters; the table below lists them all.")
    return sentence + _undated_clause(undated, lang)


def vendors_summary(vendors: pd.DataFrame, unnamed: int, lang: str) -> str:
    """The vendor most named, and how many deployments name no vendor."""
    if vendors.empty:
        sentence = tr(lang, "Aucun fournisseur nommé dans la sélection.", "No vendor named in the selection.")
    else:
        first = vendors.iloc[0]
        sentence = tr(lang, f"{len(vendors)} fournisseur(s) ; le plus cité est {first['vendor']}, "
                            f"avec {_deployments(first['deployments'], lang)}.",
                      f"{len(vendors)} vendor(s); the most named is {first['vendor']}, "
                      f"with {_deployments(first['deployments'], lang)}.")
    if unnamed:
        sentence += tr(lang, f" {_deployments(unnamed, lang).capitalize()} sans fournisseur connu.",
                       f" {_deployments(unnamed, lang).capitalize()} without a known vendor.")
    return sentence


def _deployments(count: int, lang: str) -> str:
    count = int(count)
    return tr(lang, f"{count} déploiement{'s' if count > 1 else ''}",
              f"{count} deployment{'s' if count != 1 else ''}")


def _undated_clause(undated: int, lang: str) -> str:
    if not undated:
        return ""
    return tr(lang, f" {_deployments(undated, lang).capitalize()} sans date de début, non compté(s).",
              f" {_deployments(undated, lang).capitalize()} without a start date, not counted.")


def starts_caption(lang: str) -> str:
    """How to read the chart of deployments started each year."""
    return tr(lang, "Un déploiement qui combine plusieurs technologies compte dans chacune : une barre peut "
                    "dépasser le nombre de déploiements lancés. Couleurs : celles de la carte. Cercles "
                    "numérotés : jalons juridiques, listés plus bas (survolez ou touchez un cercle).",
              "A deployment combining several technologies counts in each: a bar can be taller than the "
              "number of deployments started. Colours: as on the map. Numbered circles: legal milestones, "
              "listed below (hover over or tap a circle).")


def active_caption(lang: str) -> str:
    """The in-service rule of utils.timeline.service_years, in words."""
    return tr(lang, "Un déploiement est compté en service de son année de début à son année de fin, ou "
                    "jusqu'à cette année s'il n'a pas de date de fin. Les projets prévus ou abandonnés ne "
                    "sont jamais comptés ; un déploiement terminé, interdit ou suspendu sans date de fin "
                    "n'est compté que l'année de son début. Cercles numérotés : jalons juridiques.",
              "A deployment counts as in service from its start year to its end year, or to this year if it "
              "has no end date. Planned or abandoned projects never count; an ended, banned or suspended "
              "deployment without an end date counts in its start year only. Numbered circles: legal "
              "milestones.")


def lanes_caption(lang: str) -> str:
    """How to read the lanes."""
    return tr(lang, "Chaque ligne va de la date de début à la date de fin, ou à aujourd'hui si le "
                    "déploiement est en cours ; sans date de fin, un projet prévu, abandonné ou arrêté ne "
                    "couvre que sa période de début. Couleur : statut. Un point marque chaque début.",
              "Each lane runs from the start date to the end date, or to today if the deployment is "
              "ongoing; without an end date, a planned, abandoned or stopped project covers its start "
              "period only. Colour: status. A dot marks every start.")


def milestones_summary(milestones: pd.DataFrame, lang: str) -> str:
    """How many milestones, from when to when (utils.timeline_events.localized_events, in date order)."""
    if milestones.empty:
        return tr(lang, "Aucun jalon juridique à afficher.", "No legal milestone to show.")
    first, last = milestones["date"].iloc[0], milestones["date"].iloc[-1]
    count = len(milestones)
    return tr(lang, f"{count} jalon{'s' if count > 1 else ''} juridique{'s' if count > 1 else ''}, "
                    f"de {first} à {last}.",
              f"{count} legal milestone{'s' if count != 1 else ''}, from {first} to {last}.")


def milestones_caption(lang: str) -> str:
    """How the milestones list relates to the charts."""
    return tr(lang, "Décisions de justice, de la CNIL, lois et décisions publiques qui encadrent ces "
                    "dispositifs. Leur numéro les repère sur les graphiques ci-dessus.",
              "Court rulings, CNIL decisions, laws and public decisions governing these systems. Their "
              "number marks them on the charts above.")
