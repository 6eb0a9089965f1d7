// The network engine on small graphs whose answers can be worked out by hand.
#include "graph/graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

namespace rocta::graph {
namespace {

// Two triangles {0,1,2} and {3,4,5} joined by one link 2-3 (edge 6).
Graph two_groups() {
  auto g = Graph::make(6, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}});
  EXPECT_TRUE(g.is_ok());
  return std::move(g).value();
}

TEST(GraphTest, DegreeCountsLinksPerVertex) {
  EXPECT_EQ(two_groups().degree(), (std::vector<int64_t>{2, 2, 3, 3, 2, 2}));
}

TEST(GraphTest, BetweennessFindsTheBrokers) {
  auto b = two_groups().betweenness();
  // Every one of the 3 x 2 paths from {0,1} to {3,4,5} passes 2, and likewise for 3.
  EXPECT_DOUBLE_EQ(b[2], 6);
  EXPECT_DOUBLE_EQ(b[3], 6);
  EXPECT_DOUBLE_EQ(b[0], 0);
  // With a cutoff of one link no path has an inner vertex.
  auto near = two_groups().betweenness(1);
  EXPECT_DOUBLE_EQ(std::accumulate(near.begin(), near.end(), 0.0), 0);
}

TEST(GraphTest, PageRankSumsToOneAndFavoursTheBrokers) {
  auto pr = two_groups().pagerank();
  ASSERT_EQ(pr.size(), 6u);
  EXPECT_NEAR(std::accumulate(pr.begin(), pr.end(), 0.0), 1.0, 1e-9);
  EXPECT_NEAR(pr[0], pr[1], 1e-12);
  EXPECT_GT(pr[2], pr[0]);
}

TEST(GraphTest, CommunitiesSplitTheTwoTriangles) {
  auto c = two_groups().communities();
  EXPECT_EQ(c.count, 2);
  EXPECT_EQ(c.membership[0], c.membership[1]);
  EXPECT_EQ(c.membership[1], c.membership[2]);
  EXPECT_EQ(c.membership[3], c.membership[5]);
  EXPECT_NE(c.membership[0], c.membership[3]);
  EXPECT_GT(c.modularity, 0.3);
  EXPECT_EQ(two_groups().communities(7).count, 2);  // whatever the seed
}

TEST(GraphTest, BridgesAndArticulationPoints) {
  EXPECT_EQ(two_groups().bridges(), (std::vector<int64_t>{6}));
  auto cut = two_groups().articulation_points();
  std::sort(cut.begin(), cut.end());
  EXPECT_EQ(cut, (std::vector<int64_t>{2, 3}));
}

TEST(GraphTest, ShortestPathCrossesTheBridge) {
  auto p = two_groups().shortest_path(0, 5);
  ASSERT_TRUE(p.is_ok());
  EXPECT_EQ(*p, (std::vector<int64_t>{0, 2, 3, 5}));
}

TEST(GraphTest, NoPathBetweenSeparateParts) {
  auto g = Graph::make(4, {{0, 1}, {2, 3}});
  ASSERT_TRUE(g.is_ok());
  auto p = g->shortest_path(0, 3);
  ASSERT_TRUE(p.is_ok());
  EXPECT_TRUE(p->empty());
  auto all = g->all_shortest_paths(0, 3, 10);
  ASSERT_TRUE(all.is_ok());
  EXPECT_TRUE(all->empty());
}

TEST(GraphTest, AllShortestPathsOfASquareAndTheirLimit) {
  auto g = Graph::make(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}});
  ASSERT_TRUE(g.is_ok());
  auto all = g->all_shortest_paths(0, 2, 10);
  ASSERT_TRUE(all.is_ok());
  ASSERT_EQ(all->size(), 2u);
  for (const auto& p : *all) EXPECT_EQ(p.size(), 3u);
  EXPECT_NE((*all)[0][1], (*all)[1][1]);
  auto one = g->all_shortest_paths(0, 2, 1);
  ASSERT_TRUE(one.is_ok());
  EXPECT_EQ(one->size(), 1u);
}

TEST(GraphTest, BadInputIsAnErrorNotACrash) {
  EXPECT_EQ(Graph::make(2, {{0, 2}}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Graph::make(-1, {}).status().code(), Code::kInvalidArgument);
  auto g = two_groups();
  EXPECT_EQ(g.shortest_path(0, 6).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(g.all_shortest_paths(-1, 0, 3).status().code(), Code::kInvalidArgument);
}

TEST(GraphTest, EmptyGraphAnswersEmpty) {
  auto g = Graph::make(0, {});
  ASSERT_TRUE(g.is_ok());
  EXPECT_TRUE(g->degree().empty());
  EXPECT_TRUE(g->pagerank().empty());
  EXPECT_EQ(g->communities().count, 0);
}

}  // namespace
}  // namespace rocta::graph
