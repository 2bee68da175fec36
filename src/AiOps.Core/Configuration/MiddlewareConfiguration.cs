// Licensed under the MIT License.

using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiOps;

/// <summary>Reads the middleware settings that need more than a flat value: fallback targets and price overrides.</summary>
internal static class MiddlewareConfiguration
{
    /// <summary>Replaces the fallback list with a comma-separated list of <c>provider/model</c> targets (priorities 1, 2, 3, …).</summary>
    public static void SetFallbackList(AiOpsOptions options, string list, string setting)
    {
        options.Fallback.Clear();
        int priority = 1;
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            AiRouteTarget target = AiRouteTarget.Parse(part, setting);
            options.Fallback.Add(new AiRouteTarget(target.Provider, target.Model) { Priority = priority++ });
        }
    }

    /// <summary>Reads <c>content_filter</c> and <c>context_length</c> from a comma-separated list.</summary>
    public static void SetFallbackOn(AiOpsOptions options, string list, string setting)
    {
        options.FallbackOnContentFiltered = false;
        options.FallbackOnContextLengthExceeded = false;
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
            {
                case "contentfilter" or "contentfiltered": options.FallbackOnContentFiltered = true; break;
                case "contextlength" or "contextlengthexceeded": options.FallbackOnContextLengthExceeded = true; break;
                case "none": break;
                default:
                    throw new AiException(
                        AiErrorKind.InvalidConfiguration,
                        $"{setting} has '{part}'; use a comma-separated list of content_filter and context_length (or none).")
                    { Parameter = setting };
            }
        }
    }

    /// <summary>Reads <c>AiOps:Fallback</c>: a comma-separated string, or <c>Targets</c>, <c>On</c> and <c>PrimaryWeight</c>.</summary>
    public static void ApplyFallbackSection(AiOpsOptions options, IConfigurationSection section)
    {
        if (AiOpsConfiguration.NonEmpty(section.Value) is string flat)
        {
            SetFallbackList(options, flat, "AiOps:Fallback");
            return;
        }

        if (AiOpsConfiguration.NonEmpty(section["On"]) is string on)
        {
            SetFallbackOn(options, on, "AiOps:Fallback:On");
        }

        AiOpsConfiguration.ReadInt(section["PrimaryWeight"], "AiOps:Fallback:PrimaryWeight", v => options.PrimaryWeight = v);
        IConfigurationSection targets = section.GetSection("Targets");
        if (AiOpsConfiguration.NonEmpty(targets.Value) is string list)
        {
            SetFallbackList(options, list, "AiOps:Fallback:Targets");
            return;
        }

        int index = 0;
        foreach (IConfigurationSection t in targets.GetChildren())
        {
            index++;
            string prefix = $"AiOps:Fallback:Targets:{t.Key}";
            if (AiOpsConfiguration.NonEmpty(t.Value) is string text)
            {
                AiRouteTarget parsed = AiRouteTarget.Parse(text, prefix);
                options.Fallback.Add(new AiRouteTarget(parsed.Provider, parsed.Model) { Priority = index });
                continue;
            }

            string provider = AiOpsConfiguration.NonEmpty(t["Provider"])
                ?? throw new AiException(AiErrorKind.InvalidConfiguration, $"{prefix}:Provider is missing; name the provider of this fallback target.") { Parameter = prefix + ":Provider" };
            int weight = 1;
            int priority = index;
            AiOpsConfiguration.ReadInt(t["Weight"], prefix + ":Weight", v => weight = v);
            AiOpsConfiguration.ReadInt(t["Priority"], prefix + ":Priority", v => priority = v);
            options.Fallback.Add(new AiRouteTarget(AiOpsConfiguration.ParseProvider(provider, prefix + ":Provider"), AiOpsConfiguration.NonEmpty(t["Model"]))
            {
                BaseUrl = AiOpsConfiguration.NonEmpty(t["BaseUrl"] ?? t["Endpoint"]) is string url ? AiOpsConfiguration.ParseUrl(url, prefix + ":BaseUrl") : null,
                ApiKey = AiOpsConfiguration.NonEmpty(t["ApiKey"]),
                Weight = weight,
                Priority = priority,
            });
        }
    }

    /// <summary>Reads <c>AiOps:Prices:N</c> entries (<c>Model</c> = <c>provider/model</c>, prices in US dollars per million tokens).</summary>
    public static void ApplyPricesSection(AiOpsOptions options, IConfigurationSection section)
    {
        foreach (IConfigurationSection p in section.GetChildren())
        {
            string prefix = $"AiOps:Prices:{p.Key}";
            string model = AiOpsConfiguration.NonEmpty(p["Model"])
                ?? throw new AiException(AiErrorKind.InvalidConfiguration, $"{prefix}:Model is missing; use provider/model, for example openai/gpt-4o.") { Parameter = prefix + ":Model" };
            options.Prices.Add(new AiModelPrice
            {
                Model = model,
                Input = Price(p["Input"], prefix + ":Input") ?? 0m,
                CachedInput = Price(p["CachedInput"], prefix + ":CachedInput"),
                CacheWrite = Price(p["CacheWrite"], prefix + ":CacheWrite"),
                Output = Price(p["Output"], prefix + ":Output") ?? 0m,
                Reasoning = Price(p["Reasoning"], prefix + ":Reasoning"),
            });
        }
    }

    private static decimal? Price(string? text, string name)
    {
        if (AiOpsConfiguration.NonEmpty(text) is not string value)
        {
            return null;
        }

        if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal number) || number < 0)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, $"{name} is '{value}', which is not a price of 0 or more in US dollars per million tokens.") { Parameter = name };
        }

        return number;
    }
}
