"""Sections of the About page: method, glossary, sources, licences, attribution, contributing.

The page has one title (drawn by ui.context.page_context); each section is a level-2 heading.
Our own texts are Markdown; every text read from a data file is escaped.
"""

from __future__ import annotations

import streamlit as st

from ui.context import PageContext
from ui.nav import PAGES, page_link
from ui.text import md, md_keeping_code, md_link
from utils.exports import geo_attributions, package_sources
from utils.labels import technology_glossary, web_links
from utils.paths import deployments_path
from utils.stats import file_date, last_update

METHOD = (
    "Chaque ligne de l'atlas est un **déploiement** : un lieu et un système ou un usage (une ville et son "
    "logiciel d'analyse vidéo, un stade et ses caméras, un drone de police dans une commune). Aucune ligne "
    "n'entre sans au moins une source publique qui établit ce qu'elle dit : acte officiel (délibération, "
    "arrêté, marché public), décision de justice ou de la CNIL, presse, communication du fournisseur ou "
    "d'une association. La colonne « nature de la preuve » donne la plus solide. Les descriptions sont "
    "rédigées par l'atlas, jamais copiées. Le statut suit les sources à leur date ; une source plus récente "
    "peut le changer. Chaque ligne porte la date de sa dernière vérification.",
    "Each row of the atlas is a **deployment**: one place and one system or use (a city and its video "
    "analytics software, a stadium and its cameras, a police drone over a town). No row gets in without at "
    "least one public source establishing what it says: an official act (council decision, order, public "
    "contract), a court or CNIL decision, the press, the vendor or an association. The “evidence” column "
    "gives the strongest one. Descriptions are written by the atlas, never copied. The status follows the "
    "sources at their date; a later source may change it. Each row carries the date it was last checked.",
)
CONTRIBUTE = (
    "Les données sont des fichiers CSV dans le dossier `data/` du dépôt, modifiables dans un tableur "
    "(Excel, LibreOffice) : une ligne par déploiement, avec au moins une source. Vérifiez votre fichier "
    "sur la page Contribuer, ou sur votre ordinateur avec les commandes ci-dessous (vérifier, puis "
    "prévisualiser l'atlas avec votre fichier), puis proposez la modification au dépôt. Une erreur, une "
    "source manquante ? Signalez-la de la même façon.",
    "The data are CSV files in the repository's `data/` folder, editable in a spreadsheet (Excel, "
    "LibreOffice): one row per deployment, each with at least one source. Check your file on the "
    "Contribute page, or on your computer with the commands below (check, then preview the atlas with "
    "your file), then propose the change to the repository. Found an error or a missing source? Report it "
    "the same way.",
)
COMMANDS = ("python -m utils.validate {file}\nATLAS_DATA={file} streamlit run app.py",
            ("mon-fichier.csv", "my-file.csv"))
DATA_LICENCE = "https://opendatacommons.org/licenses/odbl/1-0/"
CODE_LICENCE = "https://www.gnu.org/licenses/agpl-3.0.html"


def method(ctx: PageContext) -> None:
    """How a deployment gets into the atlas, and the date of the latest check."""
    st.header(ctx.tr("Comment l'atlas est fait", "How the atlas is made"))
    st.markdown(ctx.tr(*METHOD))
    last_updated(ctx)


def glossary(ctx: PageContext) -> None:
    """Each technology code with its label and definition, from data/technologies.csv."""
    st.header(ctx.tr("Glossaire", "Glossary"))
    entries = technology_glossary(ctx.lang)
    st.markdown("\n".join(f"- **{md(name)}** — {md(text)}" for name, text in entries))


def sources(ctx: PageContext) -> None:
    """The sources declared in the data package, linked when they have an address."""
    st.header(ctx.tr("Sources", "Sources"))
    entries = package_sources()
    lines = [md_link(title, url) if next(web_links(url), None) else md(title) for title, url in entries]
    st.markdown("\n".join(f"- {line}" for line in lines))


def licences(ctx: PageContext) -> None:
    """Data and code licences, and the attribution the geographic data require (word for word)."""
    st.header(ctx.tr("Licences et attribution", "Licences and attribution"))
    st.markdown(ctx.tr(
        f"Données : {md_link('Open Database License (ODbL-1.0)', DATA_LICENCE)}. "
        f"Code : {md_link('GNU AGPL-3.0-or-later', CODE_LICENCE)}.",
        f"Data: {md_link('Open Database License (ODbL-1.0)', DATA_LICENCE)}. "
        f"Code: {md_link('GNU AGPL-3.0-or-later', CODE_LICENCE)}.",
    ))
    st.subheader(ctx.tr("Données géographiques", "Geographic data"))
    st.markdown("\n".join(f"- {md_keeping_code(line)}" for line in geo_attributions()))


def contributing(ctx: PageContext) -> None:
    """Where the data live, how to check and preview a file, a link to the Contribute page."""
    st.header(ctx.tr("Contribuer", "Contributing"))
    st.markdown(ctx.tr(*CONTRIBUTE))
    contribute_page = next(spec for spec in PAGES if spec.url_path == "contribuer")
    page_link(contribute_page, contribute_page.title(ctx.lang), ctx.link_params, ctx.in_frame)
    template, files = COMMANDS
    st.code(template.format(file=ctx.tr(*files)), language="bash", wrap_lines=True)


def last_updated(ctx: PageContext) -> None:
    """The date of the latest check of a row (or of the file), and how the file was read."""
    date = last_update(ctx.dataset.rows) or file_date(deployments_path()) or "?"
    st.markdown(md(ctx.tr(f"Dernière mise à jour : {date}.", f"Last updated: {date}.")))
    if ctx.dataset.read_note:
        st.caption(md(ctx.dataset.read_note))
