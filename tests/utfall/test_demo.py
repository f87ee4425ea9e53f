"""The demo rows follow the rules (outcomes add up, not more than the participants)."""

from core.demo import DemoContext
from utfall import demo
from utfall.koder import NYCKLAR
from utfall.rules import alla_fel, deltagare_varningar
from utfall.selectors import utfall_for


def test_the_demo_outcomes_follow_the_rules(setup):
    context = DemoContext(forbund={setup.forbund.slug: setup.forbund})
    demo.seed(context)
    demo.seed(context)  # a second run changes nothing
    utfall, varden = utfall_for(insats=setup.insats, ar=2024)
    assert utfall is not None and len(varden) == len(demo.RADER)
    assert alla_fel({n: None for n in NYCKLAR} | varden) == []
    assert deltagare_varningar(varden, deltagare_kvinnor=10, deltagare_man=8) == []
