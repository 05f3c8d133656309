from django.contrib.sitemaps.views import sitemap
from django.urls import path

from claimtracker.web import feeds, sharing, sitemaps
from claimtracker.web.caching import kept_rendered, public_page, uncached_page
from claimtracker.web.views import (
    actors,
    claims,
    corrections,
    home,
    indexes,
    pages,
    records,
    search,
    topics,
)

app_name = "web"

urlpatterns = [
    path("", public_page(home.HomeView.as_view()), name="home"),
    # One page per query, so not validated; but a query asked again (a name in the news) is
    # answered from the page kept under the record's ETag.
    path("search/", uncached_page(kept_rendered(search.SearchView.as_view())), name="search"),
    path("methodology/", public_page(pages.MethodologyView.as_view()), name="methodology"),
    path(
        "corrections/",
        public_page(corrections.CorrectionListView.as_view()),
        name="corrections",
    ),
    path("about/", public_page(indexes.AboutView.as_view()), name="about"),
    path("actors/", public_page(indexes.ActorIndexView.as_view()), name="actors"),
    path("topics/", public_page(indexes.TopicIndexView.as_view()), name="topics"),
    path("claims/<slug:slug>/", public_page(claims.ClaimDetailView.as_view()), name="claim"),
    path("actors/<slug:slug>/", public_page(actors.ActorDetailView.as_view()), name="actor"),
    path("topics/<slug:slug>/", public_page(topics.TopicDetailView.as_view()), name="topic"),
    path(
        "statements/<int:pk>/", public_page(records.StatementDetailView.as_view()), name="statement"
    ),
    path("evidence/<int:pk>/", public_page(records.EvidenceDetailView.as_view()), name="evidence"),
    path("sources/<int:pk>/", public_page(records.SourceDetailView.as_view()), name="source"),
    # Machine-readable views: docs/feeds.md.
    path("feeds/status-changes/", public_page(feeds.StatusChangeFeed()), name="feed"),
    path("feeds/corrections/", public_page(feeds.CorrectionFeed()), name="corrections-feed"),
    path("claims/<slug:slug>/feed/", public_page(feeds.ClaimStatusChangeFeed()), name="claim-feed"),
    path("actors/<slug:slug>/feed/", public_page(feeds.ActorStatusChangeFeed()), name="actor-feed"),
    path("topics/<slug:slug>/feed/", public_page(feeds.TopicStatusChangeFeed()), name="topic-feed"),
    # Link previews: a claim's card image (docs/sharing.md).
    path("claims/<slug:slug>/card.png", public_page(sharing.claim_card), name="claim-card"),
]

# Addresses with a fixed place at the site's root, outside the language prefixes (docs/i18n.md):
# crawlers ask for /robots.txt and /favicon.ico there, and the one sitemap lists every language.
root_urlpatterns = [
    path("sitemap.xml", public_page(sitemaps.sitemap_index), name="sitemap"),
    path(
        "sitemap-<str:section>.xml",
        public_page(sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", public_page(sitemaps.robots_txt), name="robots"),
    path("favicon.ico", sharing.favicon, name="favicon"),
]
