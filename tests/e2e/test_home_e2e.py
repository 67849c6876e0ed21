"""The home page in a real browser, including a deep link as a fresh server's very first request."""

from e2e_support import assert_no_error, wait_idle
from playwright.sync_api import expect


def test_deep_link_is_first_request_of_fresh_server(fresh_server, page):
    """A shared link opened before anyone else used the server: right page, right language."""
    page.goto(f"{fresh_server.url}/?lang=en")
    wait_idle(page)
    assert_no_error(page)
    assert page.locator("h1").first.inner_text().strip() == "LowRank Lab"
    assert "lang=en" in page.url
    # the sidebar's page links may be drawn a moment after the run (their element's code loads on
    # first use): wait for the link, do not read the text at once
    expect(page.locator("[data-testid='stSidebar']")).to_contain_text("Home")


def test_language_switch_changes_text_and_url(server, page):
    page.goto(f"{server.url}/?lang=en")
    wait_idle(page)
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="中文").click()
    page.wait_for_url("**lang=zh**")
    wait_idle(page)
    assert "低秩实验室" in page.locator("h1").first.inner_text()
    assert_no_error(page)


def test_unknown_language_in_url_gets_a_note(server, page):
    page.goto(f"{server.url}/?lang=xx")
    wait_idle(page)
    assert "lang=xx" in page.locator("[data-testid='stAlert']").first.inner_text()
    assert_no_error(page)


def test_language_stays_selected_after_sidebar_navigation(server, page):
    """The switch must show the language the URL carries on every page the sidebar leads to."""
    page.goto(f"{server.url}/?lang=en")
    wait_idle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("link", name="Keep the largest singular values").click()
    page.wait_for_url("**/reconstruct**")
    wait_idle(page)
    assert "lang=en" in page.url
    assert sidebar.get_by_role("radio", name="English").get_attribute("aria-checked") == "true"
    assert_no_error(page)
