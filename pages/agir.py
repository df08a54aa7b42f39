"""Agir / Act: a request letter about a deployment, a commune or a store; a dossier; a map to embed."""

import streamlit as st

from ui.context import page_context
from ui.table import MAX_ID_LENGTH
from ui.text import md
from utils import letters
from utils.documents import DOCX_MIME, letter_docx
from utils.dossier import build_dossier, dossier_file_name, dossier_title
from utils.embed import EMBED_FILE, app_base_url, build_embed, default_title, embed_snippet

ctx = page_context("Agir", "Act")
t, lang, everything = ctx.tr, ctx.lang, ctx.dataset.rows
by_id = everything.set_index("id", drop=False)
MODES = {"deployment": ("Un déploiement", "A deployment"), "commune": ("Une commune", "A municipality"),
         "store": ("Un magasin ou un exploitant privé", "A store or a private operator")}


def deployment_label(deployment_id: str) -> str:
    row = by_id.loc[deployment_id]
    place = row["commune"] or t("National", "Nationwide")
    return " — ".join(filter(None, (place, row["operator"], deployment_id)))


def chosen_deployment() -> dict | None:
    """The deployment picked among those shown, preselected by ?id= (even filtered out), kept in the URL."""
    wanted = st.query_params.get("id", "").strip()[:MAX_ID_LENGTH]
    ids = list(ctx.rows["id"])
    if wanted in by_id.index and wanted not in ids:
        ids.append(wanted)
    elif wanted in ctx.dataset.rejected_ids:
        st.warning(md(t(f"Le déploiement « {wanted} » n'est pas disponible : sa ligne contient des erreurs.",
                        f"Deployment “{wanted}” is not available: its row has errors.")))
    elif wanted and wanted not in ids:
        st.warning(md(t(f"Aucun déploiement n'a l'identifiant « {wanted} ».",
                        f"No deployment has the identifier “{wanted}”.")))
    chosen = st.selectbox(t("Déploiement", "Deployment"), ids, key="act_id", format_func=deployment_label,
                          index=ids.index(wanted) if wanted in ids else None,
                          placeholder=t("Choisissez un déploiement", "Choose a deployment"))
    if chosen:
        st.query_params["id"] = chosen
    return by_id.loc[chosen].to_dict() if chosen else None


def deployment_request():
    row = chosen_deployment()
    if row is None:
        return None
    first = letters.default_kind(row["operator_type"], row["department_code"])
    kind = st.radio(t("Destinataire", "Recipient"), letters.KINDS, index=letters.KINDS.index(first),
                    key=f"act_kind_{row['id']}", format_func=lambda k: letters.kind_label(k, lang))
    objection = kind == "rgpd" and st.checkbox(
        t("M'opposer aussi au traitement (RGPD, art. 21)", "Also object to the processing (GDPR, art. 21)"),
        key="act_object")
    return letters.deployment_letter(row, kind, objection=objection)


def commune_request():
    place = st.selectbox(t("Commune", "Municipality"), letters.communes(ctx.rows), index=None,
                         key="act_commune", format_func=lambda p: f"{p[0]} ({p[1]})",
                         placeholder=t("Choisissez une commune", "Choose a municipality"))
    return letters.commune_letter(place[0], everything, place[1]) if place else None


def store_request():
    store = st.text_input(t("Nom du magasin ou de l'exploitant", "Name of the store or operator"),
                          key="act_store")
    town = st.text_input(t("Commune", "Municipality"), key="act_town")
    return letters.store_letter(store, town, letters.retail_vendors(everything))


st.header(t("Demander des comptes", "Ask for accountability"))
st.markdown(t(
    "Une lettre prête à envoyer, en français, avec ses références juridiques : accès aux documents "
    "administratifs (CRPA) pour une mairie, une préfecture ou un exploitant public ; droits "
    "d'information et d'accès (RGPD) pour un magasin ou un autre exploitant privé.",
    "A ready-to-send letter, in French, with its legal references: access to administrative documents "
    "(CRPA) for a town hall, a prefecture or a public operator; rights of information and access "
    "(GDPR) for a store or another private operator."))
mode = st.radio(t("À propos de", "About"), list(MODES), key="act_mode", horizontal=True,
                format_func=lambda m: t(*MODES[m]))
letter = {"deployment": deployment_request, "commune": commune_request, "store": store_request}[mode]()
if letter:
    st.caption(t(
        "Complétez les champs entre crochets, envoyez la lettre en recommandé avec accusé de réception "
        "ou par courriel, et gardez-en la date : les délais courent à partir de sa réception.",
        "Fill in the fields in square brackets, send the letter by registered post or e-mail, and keep "
        "its date: the time limits run from its receipt."))
    st.code(letter.text, language=None, wrap_lines=True)
    with st.container(horizontal=True, key="act-letter-downloads"):
        st.download_button(t("Texte (.txt)", "Text (.txt)"), letter.text.encode("utf-8-sig"),
                           letter.file_name("txt"), "text/plain", key="act-txt", on_click="ignore",
                           icon=":material/download:")
        st.download_button(t("Traitement de texte (.docx)", "Word processor (.docx)"),
                           lambda: letter_docx(letter.text, letter.subject), letter.file_name("docx"),
                           DOCX_MIME, key="act-docx", on_click="ignore", icon=":material/description:")

title = dossier_title(ctx.filters, ctx.options, lang)
st.header(t("Dossier de la sélection", "Dossier of the selection"))
st.markdown(md(t(
    f"Un fichier HTML autonome, lisible hors ligne et imprimable (A4) : carte, les {len(ctx.rows)} "
    "déploiements affichés et leurs sources, fournisseurs, actions en justice.",
    f"A self-contained HTML file, readable offline and printable (A4): map, the {len(ctx.rows)} "
    "deployments shown with their sources, vendors, legal actions.")))
st.download_button(t("Dossier (HTML)", "Dossier (HTML)"),
                   lambda: build_dossier(everything, ctx.filters, ctx.options, lang),
                   dossier_file_name(title), "text/html", key="act-dossier", on_click="ignore",
                   icon=":material/article:")

st.header(t("Carte à intégrer", "Map to embed"))
st.markdown(t(
    f"Téléchargez la carte de la sélection ({EMBED_FILE}), déposez-la sur votre site à côté de "
    "votre page, puis collez-y ce code.",
    f"Download the map of the selection ({EMBED_FILE}), put it on your website next to your page, "
    "then paste this code into the page."))
base_url = app_base_url(st.context.url or "", st.get_option("server.baseUrlPath"))
embed_title = f"{default_title(lang)} — {title}"
st.download_button(t("Carte (HTML)", "Map (HTML)"),
                   lambda: build_embed(ctx.rows, lang, base_url=base_url, title=embed_title), EMBED_FILE,
                   "text/html", key="act-embed", on_click="ignore", icon=":material/map:")
st.code(embed_snippet(lang, embed_title), language="html", wrap_lines=True)
