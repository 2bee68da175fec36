// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace AiOps.Tests.Conformance;

/// <summary>One provider (or one surface of a provider) under the cross-provider conformance suite: how to reach it on the simulator
/// and what its wire format must look like for the canonical inputs of <see cref="CanonicalChat"/>.</summary>
/// <remarks>Adding a provider to the suite is one subclass holding its wire facts and one line in <see cref="ProviderCases"/>.</remarks>
internal abstract class ProviderCase
{
    /// <summary>Gets the name the theories show (unique per case: <c>azure-openai-v1</c>, <c>azure-openai-deployments</c>, …).</summary>
    public abstract string Name { get; }

    /// <summary>Gets the provider.</summary>
    public abstract AiProvider Provider { get; }

    /// <summary>Gets the row name of this case in the docs/providers.md matrix.</summary>
    public abstract string MatrixRow { get; }

    /// <summary>Gets the key the client is configured with.</summary>
    public virtual string ApiKey => "sk-conformance-0123456789";

    /// <summary>Gets the provider id every <see cref="AiException"/> and response must carry.</summary>
    public string ProviderId => Provider.Id.Value;

    /// <summary>Gets the path appended to the simulator's address to form the base URL, in the vendor's convention.</summary>
    public virtual string BasePath => "/";

    /// <summary>Adjusts the settings (an api-version, say) after the key, base URL and headers are set.</summary>
    public virtual void Configure(AiProviderSettings settings)
    {
    }

    /// <summary>Gets the path and query of a chat request for <paramref name="model"/>.</summary>
    public abstract (string Path, string Query) ChatRoute(string model, bool stream);

    /// <summary>Gets the headers that carry the credentials and version (exact values).</summary>
    public abstract IReadOnlyDictionary<string, string> AuthHeaders { get; }

    /// <summary>Gets the native request body for <see cref="CanonicalChat.Messages"/> with <see cref="CanonicalChat.Options"/> (not streamed).</summary>
    public abstract string CanonicalRequest { get; }

    /// <summary>Gets the members a streamed request adds to <see cref="CanonicalRequest"/>.</summary>
    public abstract string StreamMembers { get; }

    /// <summary>Gets the pattern of the id of the <paramref name="index"/>-th tool call of the simulator's native answer, as it reaches
    /// <c>FunctionCallContent.CallId</c> (the wire's own id, or the one AiOps makes up for a wire that has none).</summary>
    public abstract Regex CallId(int index);

    /// <summary>Gets a value indicating whether the wire reports reasoning tokens apart (Anthropic counts them in the output only).</summary>
    public virtual bool ReportsReasoningTokens => true;

    /// <summary>Gets a value indicating whether zero cached and reasoning counts are reported as 0 (the wire always carries them) rather
    /// than left null (Gemini omits zero counts).</summary>
    public virtual bool ReportsZeroCounts => true;

    /// <summary>Gets the parameter a canonical input this provider cannot express is refused with, or <see langword="null"/> when
    /// the provider can send it. Keys are <see cref="CanonicalBadInput"/> names.</summary>
    public abstract IReadOnlyDictionary<string, string?> CannotExpress { get; }

    /// <summary>Gets provider-specific options of the wrong kind, with the parameter the refusal names.</summary>
    public abstract IReadOnlyList<(string Key, object Value, string Parameter)> MistypedOptions { get; }

    /// <summary>Gets what the provider's 400 for an out-of-range temperature must become: the parameter and the provider's message.</summary>
    public abstract (string Parameter, string ProviderMessage) TemperatureRejected { get; }

    /// <summary>Gets what the provider's 404 for an unknown model must become: the parameter and the provider's message.</summary>
    public abstract (string Parameter, string ProviderMessage) UnknownModel { get; }

    /// <summary>Gets the row of this provider in the docs/providers.md table of provider-specific options.</summary>
    public virtual string OptionsRow => MatrixRow;

    /// <summary>Gets every <c>ChatOptions.AdditionalProperties</c> key the provider honours (taken from the provider's own constants),
    /// each with a value that changes what is sent.</summary>
    public abstract IReadOnlyDictionary<string, object> OptionSamples { get; }

    /// <summary>Gets the option that controls prompt caching.</summary>
    public abstract (string Key, object Value) CachingOption { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
