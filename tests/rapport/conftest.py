from tests.statistik.conftest import handdata  # noqa: F401 - the hand-computed national year, reused
