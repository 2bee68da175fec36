// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace AiOps.Tests.Conformance;

/// <summary>Keeps the provider × feature matrix of docs/providers.md true: every cell is checked against what the provider does on the
/// simulator — a yes/no against a working probe, a backticked request field against the native request the feature produced, the usage
/// fields against the usage reported, a backticked header against the provider's 429 and the error mapper.</summary>
public sealed class ProviderMatrixTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    /// <summary>Columns whose backticked names are fields of the native request.</summary>
    private static readonly HashSet<string> RequestFieldColumns = ["tools", "parallel tools", "JSON schema", "images", "reasoning", "prompt caching"];

    public static TheoryData<string, string> Cells
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (ProviderCase c in ProviderCases.All)
            {
                foreach (string column in ProviderMatrix.Columns)
                {
                    data.Add(c.Name, column);
                }
            }

            return data;
        }
    }

    [Fact]
    public void The_matrix_has_a_row_for_every_built_in_provider_and_no_other()
    {
        ProviderMatrix matrix = ProviderMatrix.Load();

        Assert.Equal(ProviderCases.All.Select(c => c.MatrixRow).Distinct().Order(StringComparer.Ordinal), matrix.Rows.Keys.Order(StringComparer.Ordinal));
        AiProviderRegistry registry = AiProviderRegistry.CreateDefault();
        Assert.All(registry.Providers.Where(p => p.SupportsChat), p => Assert.Contains(ProviderCases.All, c => c.ProviderId == p.Id.Value));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_matrix_cell_says_what_the_provider_does(string provider, string column)
    {
        ProviderCase c = ProviderCases.Get(provider);
        string cell = ProviderMatrix.Load().Rows[c.MatrixRow][column];

        MatrixProbe.Observation seen = await MatrixProbe.RunAsync(sim, c, column);

        switch (column)
        {
            case "usage fields":
                Assert.True(
                    seen.List!.Order(StringComparer.Ordinal).SequenceEqual(ProviderMatrix.List(cell).Order(StringComparer.Ordinal)),
                    $"The {c.MatrixRow} 'usage fields' cell lists [{string.Join(", ", ProviderMatrix.List(cell))}], but {c.Name} reports [{string.Join(", ", seen.List!)}].");
                break;
            case "rate-limit headers":
                AssertRateLimitCell(c, cell, seen);
                break;
            default:
                Assert.True(ProviderMatrix.YesNo(cell) == seen.Supported, $"The {c.MatrixRow} '{column}' cell says '{cell}', but the probe found {(seen.Supported ? "yes" : "no")}.");
                if (RequestFieldColumns.Contains(column))
                {
                    AssertRequestFields(c, column, cell, seen);
                }

                break;
        }
    }

    private static void AssertRequestFields(ProviderCase c, string column, string cell, MatrixProbe.Observation seen)
    {
        IReadOnlyList<string> fields = ProviderMatrix.Names(cell);
        if (column == "parallel tools" && fields.Count == 0)
        {
            // No field named: the provider cannot limit a turn to one call, so AllowMultipleToolCalls = false must be refused.
            Assert.True(seen.RequestBody is null, $"The {c.MatrixRow} 'parallel tools' cell names no field, but AllowMultipleToolCalls = false was sent.");
            return;
        }

        if (ProviderMatrix.YesNo(cell))
        {
            Assert.True(fields.Count > 0, $"The {c.MatrixRow} '{column}' cell says yes; name the request field(s) in backticks.");
        }

        Assert.NotNull(seen.RequestBody);
        foreach (string field in fields)
        {
            Assert.True(MatrixProbe.HasPath(seen.RequestBody!, field), $"The {c.MatrixRow} '{column}' cell names `{field}`, which the {c.Name} request does not have: {seen.RequestBody}");
        }
    }

    private static void AssertRateLimitCell(ProviderCase c, string cell, MatrixProbe.Observation seen)
    {
        Assert.True(
            ProviderMatrix.YesNo(cell) == seen.Supported,
            $"The {c.MatrixRow} 'rate-limit headers' cell says '{cell}', but the {c.Name} 429 {(seen.Supported ? "carries" : "carries no")} retry headers: {string.Join(", ", seen.Headers!.Keys)}");
        IReadOnlyDictionary<string, string> headers = seen.Headers!;
        foreach (string name in ProviderMatrix.Names(cell))
        {
            // The provider's 429 carries it...
            var pattern = new Regex("^" + Regex.Escape(name).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);
            List<KeyValuePair<string, string>> matching = headers.Where(h => pattern.IsMatch(h.Key)).ToList();
            Assert.True(matching.Count > 0, $"The cell names `{name}`, which the provider's 429 does not carry: {string.Join(", ", headers.Keys)}");

            // ...and on its own it tells AiOps how long to wait.
            using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            foreach (KeyValuePair<string, string> header in matching)
            {
                response.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            AiException ex = ProviderErrorMapper.FromResponse(new ProviderInfo("p", "Provider", null), response, body: null, DateTimeOffset.UtcNow, secret: null);
            Assert.True(ex.RetryAfter is not null, $"`{name}` alone does not give AiException.RetryAfter.");
        }
    }
}
