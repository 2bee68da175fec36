// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiOps.Gateway;

/// <summary>Reads <see cref="GatewayOptions"/> from configuration: the flat names <c>AIOPS_GATEWAY_KEYS</c> and
/// <c>AIOPS_GATEWAY_ALLOW_ANONYMOUS</c> (environment variables / app settings) and section <c>AiOps:Gateway</c>.</summary>
public static class GatewayConfiguration
{
    /// <summary>The flat setting with the caller keys: comma-separated secret references (literal, <c>env:NAME</c>, Key Vault).</summary>
    public const string KeysVariable = "AIOPS_GATEWAY_KEYS";

    /// <summary>The flat setting that allows unauthenticated loopback callers when no key is configured.</summary>
    public const string AllowAnonymousVariable = "AIOPS_GATEWAY_ALLOW_ANONYMOUS";

    /// <summary>The section with the structured gateway settings.</summary>
    public const string SectionName = "AiOps:Gateway";

    /// <summary>Reads and validates the gateway options.</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>The options.</returns>
    /// <exception cref="AiException">A value is malformed, or no key is configured without <c>AIOPS_GATEWAY_ALLOW_ANONYMOUS=true</c>.</exception>
    public static GatewayOptions FromConfiguration(IConfiguration configuration)
    {
        GatewayOptions options = Read(configuration);
        options.Validate();
        return options;
    }

    /// <summary>Reads the options without validating them (so code can adjust them first).</summary>
    internal static GatewayOptions Read(IConfiguration configuration)
    {
        _ = Throw.IfNull(configuration);
        var options = new GatewayOptions();
        IConfigurationSection section = configuration.GetSection(SectionName);

        var byName = new Dictionary<string, GatewayKeyOptions>(StringComparer.OrdinalIgnoreCase);
        if (NonEmpty(configuration[KeysVariable]) is string flat)
        {
            int n = 0;
            foreach (string part in flat.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                n++;
                var key = new GatewayKeyOptions { Name = "key" + n.ToString(CultureInfo.InvariantCulture), Key = part, IsList = true };
                byName[key.Name] = key;
                options.Keys.Add(key);
            }
        }

        // With AIOPS_KEYVAULT_URI, the vault's gateway-keys secret is read directly too, so a rotated list works without waiting for the
        // platform to refresh the app setting.
        if (options.Keys.Count > 0 && KeyVaultDirectReads.Vault(configuration) is Uri vault)
        {
            var fromVault = new GatewayKeyOptions { Name = "vault", Key = KeyVaultDirectReads.Reference(vault, KeyVaultDirectReads.GatewayKeysSecret), IsList = true };
            byName[fromVault.Name] = fromVault;
            options.Keys.Add(fromVault);
        }

        foreach (IConfigurationSection k in section.GetSection("Keys").GetChildren())
        {
            // A section entry with a Key adds a key; one without a Key adds rules to the flat key of that name (key1, key2, …).
            if (!byName.TryGetValue(k.Key, out GatewayKeyOptions? key))
            {
                key = new GatewayKeyOptions { Name = k.Key };
                byName[k.Key] = key;
                options.Keys.Add(key);
            }

            if (NonEmpty(k["Key"]) is string value)
            {
                key.Key = value;
            }

            foreach (string model in ReadList(k.GetSection("AllowedModels")))
            {
                key.AllowedModels.Add(model);
            }

            ReadInt(k["RequestsPerMinute"], $"{SectionName}:Keys:{k.Key}:RequestsPerMinute", v => key.RequestsPerMinute = v);
        }

        bool? anonymous = ReadBool(configuration[AllowAnonymousVariable], AllowAnonymousVariable) ?? ReadBool(section["AllowAnonymous"], SectionName + ":AllowAnonymous");
        options.AllowAnonymous = anonymous ?? false;

        ReadLong(section["MaxRequestBodyBytes"], SectionName + ":MaxRequestBodyBytes", v => options.MaxRequestBodyBytes = v);
        ReadLong(section["MaxBatchBodyBytes"], SectionName + ":MaxBatchBodyBytes", v => options.MaxBatchBodyBytes = v);
        ReadInt(section["MaxMessages"], SectionName + ":MaxMessages", v => options.MaxMessages = v);
        ReadInt(section["MaxTokens"], SectionName + ":MaxTokens", v => options.MaxTokens = v);
        ReadInt(section["MaxEmbeddingInputs"], SectionName + ":MaxEmbeddingInputs", v => options.MaxEmbeddingInputs = v);

        IConfigurationSection batch = section.GetSection("Batch");
        BatchOptions b = options.Batch;
        b.Connection = NonEmpty(batch["Connection"]) ?? b.Connection;
        b.ContainerName = NonEmpty(batch["ContainerName"]) ?? b.ContainerName;
        b.QueueName = NonEmpty(batch["QueueName"]) ?? b.QueueName;
        b.InputContainerName = NonEmpty(batch["InputContainerName"]) ?? b.InputContainerName;
        ReadInt(batch["ChunkSize"], SectionName + ":Batch:ChunkSize", v => b.ChunkSize = v);
        ReadInt(batch["MaxConcurrency"], SectionName + ":Batch:MaxConcurrency", v => b.MaxConcurrency = v);
        ReadInt(batch["MaxLines"], SectionName + ":Batch:MaxLines", v => b.MaxLines = v);
        ReadInt(batch["MaxDequeueCount"], SectionName + ":Batch:MaxDequeueCount", v => b.MaxDequeueCount = v);
        ReadDuration(batch["RetryDelay"], SectionName + ":Batch:RetryDelay", v => b.RetryDelay = v);
        ReadDuration(batch["PollInterval"], SectionName + ":Batch:PollInterval", v => b.PollInterval = v);
        ReadDuration(batch["ProcessingTimeout"], SectionName + ":Batch:ProcessingTimeout", v => b.ProcessingTimeout = v);
        return options;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IEnumerable<string> ReadList(IConfigurationSection section)
    {
        if (NonEmpty(section.Value) is string text)
        {
            foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return part;
            }

            yield break;
        }

        foreach (IConfigurationSection item in section.GetChildren())
        {
            if (NonEmpty(item.Value) is string v)
            {
                yield return v;
            }
        }
    }

    private static void ReadInt(string? text, string name, Action<int> set)
    {
        if (NonEmpty(text) is not string value)
        {
            return;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number))
        {
            throw Bad(name, value, "a whole number");
        }

        set(number);
    }

    private static void ReadLong(string? text, string name, Action<long> set)
    {
        if (NonEmpty(text) is not string value)
        {
            return;
        }

        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number))
        {
            throw Bad(name, value, "a whole number of bytes");
        }

        set(number);
    }

    private static void ReadDuration(string? text, string name, Action<TimeSpan> set)
    {
        if (NonEmpty(text) is not string value)
        {
            return;
        }

        if (!AiDuration.TryParse(value, out TimeSpan duration))
        {
            throw Bad(name, value, "a duration (30s, 1m, 500ms, a number of seconds, or 00:00:30)");
        }

        set(duration);
    }

    private static bool? ReadBool(string? text, string name)
    {
        if (NonEmpty(text) is not string value)
        {
            return null;
        }

        return value.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw Bad(name, value, "true or false"),
        };
    }

    private static AiException Bad(string name, string value, string expected) =>
        new(AiErrorKind.InvalidConfiguration, $"{name} is '{value}'; use {expected}.") { Parameter = name };
}
