from lakehouse_harness.pipeline import capped


def test_the_cap_shortens_a_longer_timeout_and_leaves_a_shorter_one():
    assert capped(3600, 300) == 300
    assert capped(120, 300) == 120


def test_the_cap_bounds_a_task_without_a_timeout_and_no_cap_changes_nothing():
    assert capped(0, 300) == 300
    assert capped(3600, 0) == 3600
    assert capped(0, 0) == 0
