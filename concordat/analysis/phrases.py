"""Phrase banks for synthetic evidence text, in the register of the June 2013 returns.

Clauses are written to follow an opener such as "Yes; " or "No. " (so they start in lower case and have
no full stop). ``{area}`` is replaced with the area's name. Kept apart from synthetic.py so the generator
stays readable.
"""

from __future__ import annotations

from collections.abc import Mapping

from .records import Status

OPENERS: Mapping[Status, tuple[str, ...]] = {
    Status.YES: ("Yes; ", "Yes. ", "Yes \N{EN DASH} ", "Yes; "),
    Status.PARTIAL: ("Partially; ", "Largely; ", "In part. ", "Yes, though still in the early stages; "),
    Status.NO: ("No. ", "Not yet; ", "Not to date; ", "No; "),
}

NA_TEXT: tuple[str, ...] = (
    "N/A",
    "Not applicable.",
    "N/A \N{EN DASH} see previous answer.",
    "Not applicable at present.",
)

CLAUSES: Mapping[str, Mapping[Status, tuple[str, ...]]] = {
    "1": {
        Status.YES: (
            "the Task & Finish Group reports to the Health and Wellbeing Board quarterly",
            "a joint Winterbourne steering group of the council and {area} CCG meets monthly",
            "the Learning Disability Partnership Board receives a progress report at each meeting",
            "housing, specialist commissioning and local providers are represented on the project board",
        ),
        Status.PARTIAL: (
            "arrangements are in development and will be agreed by the Task & Finish Group in the autumn",
            "we are clear on all areas except NHS England, due to lack of clarity on their role to date",
            "the partnership is working together but terms of reference are still in draft",
        ),
        Status.NO: (
            "this has been discussed by partners but needs further consideration by the Health and "
            "Wellbeing Board",
            "we do not currently have an agreed dispute resolution policy",
            "a planning function is not yet in place but is being developed as part of the local programme",
        ),
    },
    "2": {
        Status.YES: (
            "both organisations have clear accountability for spend and share information openly",
            "a section 75 agreement for learning disability services has been in place since 2009",
            "the pooled budget is hosted by the council and reviewed by a joint finance group",
            "contributions from the council and {area} CCG were agreed for 2013/14",
        ),
        Status.PARTIAL: (
            "more information is required about funding from specialist commissioning bodies",
            "costs are understood for people placed by the council but not yet for all NHS-funded placements",
            "a risk-sharing arrangement has been discussed and is expected to be agreed later this year",
        ),
        Status.NO: (
            "we do not have a current section 75 agreement for learning disabilities",
            "financial allocations for people with complex needs are expected to be an area of tension",
            "a medium-term financial strategy will be developed as part of the Task & Finish Group",
        ),
    },
    "3": {
        Status.YES: (
            "the integrated community learning disability team includes health and social care staff",
            "named care co-ordinators are in place for everyone being reviewed",
            "professional leadership of the review programme sits with the joint head of service",
        ),
        Status.PARTIAL: (
            "we do not have an integrated team, but each organisation is clear on its role",
            "capacity is being reviewed as the number of people affected becomes clearer",
            "advocates are available on request but are not yet routinely offered",
        ),
        Status.NO: (
            "the community team does not currently have capacity to deliver the re-provision programme",
            "there is no joint team at present",
            "named workers are not yet allocated to all family carers",
        ),
    },
    "4": {
        Status.YES: (
            "all reviews have been completed through the multi-agency assessment and placement group",
            "{area} CCG holds a register and there is a system for its maintenance and update",
            "advocacy is commissioned by both health and social care and offered to every family",
        ),
        Status.PARTIAL: (
            "reviews have taken place but have not all been fully joint",
            "work is ongoing to develop a joint register between health and social care",
            "most reviews are complete and plans are agreed for the remainder",
        ),
        Status.NO: (
            "not all reviews have been completed and dates are being agreed with providers",
            "there is not yet agreement about the wider group of people who would be included",
            "the council does not currently identify behaviour that challenges in its care records",
        ),
    },
    "5": {
        Status.YES: (
            "Winterbourne View has been integrated into the Safeguarding Adults Board business plan",
            "regular meetings are held between safeguarding, quality assurance, contracts and CQC",
            "the children's and adults' safeguarding boards have both received reports on the programme",
        ),
        Status.PARTIAL: (
            "the CCG is alerted where concerns are raised but is not always briefed on inspections",
            "links with out-of-area safeguarding teams are made case by case",
            "a multi-agency training programme is in development",
        ),
        Status.NO: (
            "the Community Safety Partnership has not yet considered these issues",
            "there is no agreed protocol for monitoring the use of restraint in placements",
            "working links with CQC are not yet formalised",
        ),
    },
    "6": {
        Status.YES: (
            "an initial assessment of commissioning requirements is being carried out for each person",
            "we are confident that the 1 June 2014 target will be achieved for everyone currently placed",
            "the local delivery plan has been agreed by the joint commissioning board",
        ),
        Status.PARTIAL: (
            "commissioning intentions are not fully developed and will be part of the Task & Finish "
            "Group's work",
            "joint arrangements with specialist commissioning teams are being agreed",
            "we expect most people to move by June 2014 but some discharges depend on new services",
        ),
        Status.NO: (
            "there is no agreement between partners about arrangements for ongoing funding",
            "suitable local provision is not yet available for people with the most complex needs",
            "some people are subject to restrictions under the Mental Health Act which affect timescales",
        ),
    },
    "7": {
        Status.YES: (
            "advocacy quality is monitored through standard contract management",
            "two further Best Interests assessors have completed training this year",
            "commissioning requirements are being assessed as part of the Task & Finish Group",
        ),
        Status.PARTIAL: (
            "capacity is considered adequate but is being kept under review",
            "feedback from people and families is collected but not yet analysed routinely",
        ),
        Status.NO: (
            "we do not yet have a way of knowing about the effectiveness of advocacy arrangements",
            "capacity for Best Interests assessment is stretched",
        ),
    },
    "8": {
        Status.YES: (
            "a crisis response service operates seven days a week",
            "emergency responses to avoid admission are being developed through the Task & Finish Group",
            "a workforce and skills assessment is included in the commissioning strategy",
        ),
        Status.PARTIAL: (
            "there is access to emergency capacity assessments, but local crisis support is limited",
            "a positive behaviour support service is being piloted",
        ),
        Status.NO: (
            "a workforce and skills assessment will be developed as part of our strategy",
            "there is no local crisis response capacity at present",
        ),
    },
    "9": {
        Status.YES: (
            "our market position statement covers people with complex needs and behaviour that challenges",
            "ethnicity, age profile and gender are recorded for everyone being reviewed",
        ),
        Status.PARTIAL: (
            "work has commenced and will require an integrated approach from health and social care",
            "population data is held separately by the council and the CCG",
        ),
        Status.NO: (
            "the joint strategic needs assessment does not yet cover this group in detail",
            "we are not yet using this information in planning",
        ),
    },
    "10": {
        Status.YES: (
            "the transition protocol covers young people from age 14 with complex needs",
            "children's and adults' commissioners share a forecast of future demand",
        ),
        Status.PARTIAL: (
            "the tripartite panel considers children, but this does not yet assist with transition",
            "future demand is understood for special school leavers but not for out-of-area placements",
        ),
        Status.NO: (
            "commissioning arrangements do not yet take account of young people in transition",
            "we have not yet developed ways of understanding future demand",
        ),
    },
    "11": {
        Status.YES: (
            "an assessment of local market capacity is in progress with providers",
            "the updated gap analysis was presented to the provider forum in June",
            "a local provider has developed supported living for people returning from hospital",
        ),
        Status.PARTIAL: (
            "a market assessment has started but the gap analysis is not yet updated",
            "discussions with housing providers are at an early stage",
        ),
        Status.NO: (
            "a market capacity assessment has not yet begun",
            "we do not have an updated gap analysis",
        ),
    },
}

FOLLOW_ONS: tuple[str, ...] = (
    "This will be reviewed by the Task & Finish Group in September.",
    "We may require additional support to achieve this.",
    "Progress is reported to the Learning Disability Partnership Board.",
    "This is a top priority for both the CCG and the council.",
    "{area} CCG is working actively with NHS England on this.",
    "Further work is needed to agree this across the partnership.",
    "An update will go to the Health and Wellbeing Board in the autumn.",
)

OBSTACLES: tuple[str, ...] = (
    "Availability of suitable local accommodation for people with the most complex needs.",
    "Agreement on funding between the council and the CCG.",
    "Some people are detained under the Mental Health Act and discharge depends on the courts.",
    "Families are anxious about moves and need time to be involved properly.",
    "Provider capacity to support people whose behaviour challenges.",
)

GOOD_PRACTICE: Mapping[str, tuple[str, ...]] = {
    "1": ("Joint Task & Finish Group terms of reference", "Partnership Board easy read progress report"),
    "2": ("Section 75 pooled budget agreement", "Joint finance group risk-sharing arrangement"),
    "3": ("Integrated community learning disability team model", "Named care co-ordinator role description"),
    "4": (
        "Joint review template and quality checklist",
        "Local register of people with behaviour that challenges",
    ),
    "5": ("Multi-agency safeguarding information-sharing protocol", "Provider forum on restraint monitoring"),
    "6": ("Individual commissioning plan template", "Joint commissioning strategy for complex needs"),
    "7": ("Advocacy quality monitoring framework", "Best Interests assessor development programme"),
    "8": ("Seven-day crisis response service", "Positive behaviour support pilot"),
    "9": ("Market position statement for complex needs", "Population profile of people being reviewed"),
    "10": ("Transition protocol from age 14", "Joint children's and adults' demand forecast"),
    "11": ("Supported living development with a local provider", "Updated gap analysis and provider forum"),
}

ATTACHMENTS: Mapping[str, tuple[str, ...]] = {
    "1": ("Task and Finish Group terms of reference.docx", "Partnership Board report June 2013.pdf"),
    "2": ("S75 agreement learning disabilities.pdf", "Joint finance group minutes.docx"),
    "3": ("Community team operating model.pdf", "Care co-ordinator role description.docx"),
    "4": ("Review template v2.docx", "Register data specification.xlsx"),
    "5": ("SGA Team Meeting agenda anon.doc", "Information sharing protocol 2013.pdf"),
    "6": ("Commissioning plan template.docx", "Joint commissioning strategy draft v3.docx"),
    "7": ("Advocacy monitoring framework.pdf", "BIA training plan.xlsx"),
    "8": ("Crisis service specification.pdf", "PBS pilot evaluation.docx"),
    "9": ("Market position statement 2013.pdf", "Population profile.xlsx"),
    "10": ("Transition protocol 2013.pdf", "Demand forecast 2013-2018.xlsx"),
    "11": ("Gap analysis June 2013.xlsx", "Provider forum presentation.pptx"),
}

SUPPORT: Mapping[str, tuple[str, ...]] = {
    "1": ("Facilitation to agree joint governance and dispute resolution", "Advice on engaging NHS England"),
    "2": (
        "Help to agree a pooled budget and risk-sharing arrangement",
        "Examples of section 75 agreements from other areas",
    ),
    "3": ("Advice on building an integrated community team", "Support to develop named worker roles"),
    "4": ("Guidance on thresholds for the local register", "Good practice examples of joint reviews"),
    "5": (
        "Advice on monitoring restraint in placements",
        "Support to link with out-of-area safeguarding boards",
    ),
    "6": ("Support with commissioning for people with complex needs", "Help to resolve funding disputes"),
    "7": ("Advice on measuring advocacy quality", "Best Interests assessor capacity planning"),
    "8": ("Models of crisis response that avoid admission", "Workforce and skills assessment tools"),
    "9": ("Help to use population data in planning", "Market position statement examples"),
    "10": ("Transition planning examples", "Tools to forecast future demand"),
    "11": ("Market development support", "Gap analysis methods"),
}

# Question-specific clauses, used instead of the section's where the question is a headline or a scoring rule.
QUESTION_CLAUSES: Mapping[str, Mapping[Status, tuple[str, ...]]] = {
    "2.1": {
        Status.YES: (
            "both organisations have clear accountability for spend and share information openly",
            "the joint finance group has agreed the total cost of current placements",
        ),
        Status.PARTIAL: (
            "costs are understood for people placed by the council but not yet for all NHS-funded placements",
        ),
        Status.NO: ("the costs of NHS-funded placements have not yet been shared with the council",),
    },
    "2.4": {
        Status.YES: (
            "the pooled budget is hosted by the council and reviewed by a joint finance group",
            "a section 75 pooled budget covers learning disability services",
        ),
        Status.PARTIAL: (
            "a risk-sharing arrangement has been discussed and is expected to be agreed later this year",
        ),
        Status.NO: (
            "this has been discussed by partners, but needs further consideration by the Health and "
            "Wellbeing Board",
        ),
    },
    "2.5": {
        Status.YES: ("contributions from the council and {area} CCG were agreed for 2013/14",),
        Status.PARTIAL: ("contributions are agreed for current placements but not for future costs",),
        Status.NO: (
            "we anticipate that financial allocations will be an area of tension in the partnership",
        ),
    },
    "4.9": {
        Status.YES: (
            "all reviews have been completed through the multi-agency assessment and placement group",
        ),
        Status.PARTIAL: ("most reviews are complete and plans are agreed for the remainder",),
        Status.NO: ("not all reviews have been completed and dates are being agreed with providers",),
    },
    "6.9": {
        Status.YES: ("we are confident that we will overcome the challenges we face",),
        Status.PARTIAL: (
            "we expect most people to move by June 2014 but some discharges depend on new services",
        ),
        Status.NO: ("suitable local provision will not be available in time for everyone currently placed",),
    },
}
