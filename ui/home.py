"""Pieces of the home page: key figures, latest additions, ways into the other pages."""

from __future__ import annotations

import streamlit as st

from ui.context import PageContext
from ui.nav import PAGES, page_link
from utils.stats import key_figures, latest_additions

# Five lines on what algorithmic surveillance is (French, English).
INTRO = (
    "La **surveillance algorithmique** ajoute des logiciels d'analyse automatique aux caméras, "
    "micros, drones et fichiers : le dispositif ne se contente plus d'enregistrer, il repère, trie "
    "et signale. Reconnaissance faciale, détection de « comportements anormaux », lecture de plaques, "
    "recherche d'une personne dans des heures de vidéo : ces outils se répandent en France, souvent "
    "sous le nom d'« expérimentation ». Ils touchent aux libertés publiques, à la protection des "
    "données personnelles et au contrôle démocratique de la police et des villes. Cet atlas recense "
    "les déploiements connus, chacun appuyé sur au moins une source publique, et les entreprises qui "
    "les fournissent. Il n'est pas exhaustif : ce qui n'est pas documenté n'y figure pas.",
    "**Algorithmic surveillance** adds automated analysis software to cameras, microphones, drones "
    "and databases: the system no longer just records, it spots, sorts and flags. Facial recognition, "
    "detection of “abnormal behaviour”, number-plate reading, searching hours of video for one "
    "person: these tools are spreading in France, often as “trials”. They affect civil liberties, "
    "the protection of personal data and the democratic oversight of police and cities. This atlas "
    "lists the known deployments, each backed by at least one public source, and the companies that "
    "supply them. It is not exhaustive: what is not documented is not here.",
)
# Two rows of key figures: how widespread (4 tiles), then where the deployments stand (3 tiles).
FIGURE_GROUPS = (
    (("Ampleur", "Scale"), (
        ("deployments", "Déploiements", "Deployments"),
        ("communes", "Communes", "Municipalities"),
        ("departments", "Départements", "Departments"),
        ("vendors", "Fournisseurs", "Vendors"),
    )),
    (("Où en sont-ils", "Where they stand"), (
        ("trials", "Expérimentations", "Trials"),
        ("active", "En service", "Active"),
        ("challenged", "Contestés en justice", "Challenged in court"),
    )),
)
# What each other page offers, in one line.
WAYS_IN = {
    "carte": ("Où : les déploiements sur la carte de France.", "Where: the deployments on a map of France."),
    "chronologie": ("Quand : les déploiements et les décisions dans le temps.",
                    "When: deployments and decisions over time."),
    "donnees": ("Le tableau complet, une fiche par déploiement, les téléchargements.",
                "The full table, a card per deployment, downloads."),
    "acteurs": ("Qui vend : les entreprises et leurs clients.",
                "Who sells: the companies and their clients."),
    "agir": ("Écrire une demande, préparer un dossier, intégrer la carte.",
             "Write a request, build a dossier, embed the map."),
    "contribuer": ("Vérifier un fichier, proposer un déploiement.", "Check a file, propose a deployment."),
    "methode": ("Comment l'atlas est fait, glossaire, licences, contribuer.",
                "How the atlas is made, glossary, licences, contributing."),
}


def figures(ctx: PageContext) -> None:
    """The key figures of the deployments shown, in two titled rows of tiles.

    Each row is a horizontal container of its own, so a row is never left with one tile alone at
    desktop width; on a phone its tiles wrap two by two.
    """
    values = key_figures(ctx.rows)
    for index, (heading, group) in enumerate(FIGURE_GROUPS):
        st.caption(ctx.tr(*heading))
        with st.container(horizontal=True, key=f"atlas-figures-{index}"):
            for name, label_fr, label_en in group:
                st.metric(ctx.tr(label_fr, label_en), getattr(values, name), border=True)


def latest(ctx: PageContext) -> None:
    """The most recently verified deployments, each linking to its card on the Data page."""
    st.subheader(ctx.tr("Derniers ajouts", "Latest additions"))
    data_page = next(spec for spec in PAGES if spec.url_path == "donnees")
    for _, row in latest_additions(ctx.rows).iterrows():
        place = row["commune"] or row["site"] or row["id"]
        what = row["product"] or row["vendor"] or row["technology"]
        label = f"{place} — {what} ({row['start_date'] or '?'})"
        page_link(data_page, label, {**ctx.link_params, "id": [row["id"]]}, ctx.in_frame)


def ways_in(ctx: PageContext) -> None:
    """A link to each other page, with what it offers."""
    st.subheader(ctx.tr("Explorer", "Explore"))
    for spec in PAGES:
        if spec.url_path in WAYS_IN:
            page_link(spec, spec.title(ctx.lang), ctx.link_params, ctx.in_frame)
            st.caption(ctx.tr(*WAYS_IN[spec.url_path]))
