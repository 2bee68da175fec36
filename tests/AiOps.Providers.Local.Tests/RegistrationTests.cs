// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Tests;

/// <summary>The local provider is reachable the ways every provider is: DI, the registry, AiClientFactory and AI_PROVIDER=local.</summary>
public class RegistrationTests
{
    private static readonly Dictionary<string, string?> LocalSettings = new() { ["AI_PROVIDER"] = "local" };

    [Fact]
    public async Task AddAiOpsLocalEmbeddings_after_AddAiOps_makes_AI_PROVIDER_local_the_default_client()
    {
        var services = new ServiceCollection();
        services.AddAiOps(Configuration(LocalSettings));
        services.AddAiOpsLocalEmbeddings();
        await using ServiceProvider sp = services.BuildServiceProvider();

        AiClient client = sp.GetRequiredService<AiClient>();
        GeneratedEmbeddings<Embedding<float>> result = await client.EmbedAsync(["The disk on server web-01 is full"]);

        Assert.Equal(AiProviderId.Local, client.Provider);
        Assert.Equal("all-minilm-l6-v2", client.DefaultEmbeddingModel);
        Assert.Equal(384, result[0].Vector.Length);
        Assert.Equal("all-minilm-l6-v2", result[0].ModelId);
    }

    [Fact]
    public async Task AddAiOpsLocalEmbeddings_before_AddAiOps_works_too()
    {
        var services = new ServiceCollection();
        services.AddAiOpsLocalEmbeddings();
        services.AddAiOps(Configuration(LocalSettings));
        await using ServiceProvider sp = services.BuildServiceProvider();

        IEmbeddingGenerator<string, Embedding<float>> generator = sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(["hello"]);

        Assert.Equal(384, result[0].Vector.Length);
        Assert.Equal("local", generator.GetService<EmbeddingGeneratorMetadata>()?.ProviderName);
    }

    [Fact]
    public async Task The_registry_keeps_the_built_in_providers_and_registering_twice_is_harmless()
    {
        var services = new ServiceCollection();
        services.AddAiOps(Configuration([]));
        services.AddAiOpsLocalEmbeddings();
        services.AddAiOpsLocalEmbeddings(o => o.MaxBatchSize = 5);
        await using ServiceProvider sp = services.BuildServiceProvider();

        AiProviderRegistry registry = sp.GetRequiredService<AiProviderRegistry>();
        AiProviderRegistry expected = AiProviderRegistry.CreateDefault();

        Assert.Single(services, d => d.ServiceType == typeof(AiProviderRegistry));
        Assert.True(registry.TryGet(AiProviderId.Local, out AiProvider? local));
        Assert.IsType<LocalEmbeddingProvider>(local);
        Assert.All(expected.Providers, p => Assert.True(registry.TryGet(p.Id, out _), $"{p.Id} is missing"));
        Assert.Equal(expected.Providers.Count + 1, registry.Providers.Count);

        // The last registration wins, with its options.
        IEmbeddingGenerator<string, Embedding<float>> generator = sp.GetRequiredService<AiClientFactory>().GetClient(AiProviderId.Local).EmbeddingGenerator;
        Assert.Equal(5, generator.GetService<LocalEmbeddingOptions>()?.MaxBatchSize);
    }

    [Fact]
    public async Task The_local_client_needs_no_key_while_another_provider_is_the_default()
    {
        var services = new ServiceCollection();
        services.AddAiOps(Configuration(new() { ["AI_PROVIDER"] = "openai" }));
        services.AddAiOpsLocalEmbeddings();
        await using ServiceProvider sp = services.BuildServiceProvider();

        AiClient local = sp.GetRequiredService<AiClientFactory>().GetClient(AiProviderId.Local);
        GeneratedEmbeddings<Embedding<float>> result = await local.EmbedAsync(["no key needed"]);

        Assert.Single(result);
    }

    [Fact]
    public async Task A_registry_with_the_provider_serves_AI_PROVIDER_local_through_AiClientFactory()
    {
        AiOpsOptions options = AiOpsConfiguration.FromEnvironment(name => LocalSettings.GetValueOrDefault(name));
        AiProviderRegistry registry = AiProviderRegistry.CreateDefault().Register(new LocalEmbeddingProvider());
        await using var factory = new AiClientFactory(options, registry);

        AiClient client = factory.GetClient();
        GeneratedEmbeddings<Embedding<float>> result = await client.EmbedAsync(["disk full", "storage exhausted", "pancakes"]);

        Assert.Equal(AiProviderId.Local, client.Provider);
        Assert.True(Vectors.Cosine(result[0], result[1]) > Vectors.Cosine(result[0], result[2]) + 0.3f);
        AiException chat = await Assert.ThrowsAsync<AiException>(() => client.ChatAsync("hi"));
        Assert.Equal(AiErrorKind.NotSupported, chat.Kind);
    }

    [Fact]
    public void Without_the_registration_AI_PROVIDER_local_says_how_to_add_it()
    {
        var services = new ServiceCollection();
        services.AddAiOps(Configuration(LocalSettings));
        using ServiceProvider sp = services.BuildServiceProvider();

        AiException ex = Assert.Throws<AiException>(() => sp.GetRequiredService<AiClient>());

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Contains("AddAiOpsLocalEmbeddings", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_registered_registry_is_decorated_too()
    {
        var registry = new AiProviderRegistry();
        var services = new ServiceCollection();
        services.AddSingleton(registry);
        services.AddAiOps(Configuration(LocalSettings));
        services.AddAiOpsLocalEmbeddings();
        await using ServiceProvider sp = services.BuildServiceProvider();

        AiProviderRegistry resolved = sp.GetRequiredService<AiProviderRegistry>();

        Assert.Same(registry, resolved);
        Assert.Equal([AiProviderId.Local], resolved.Providers.Select(p => p.Id));
    }

    [Fact]
    public void A_null_service_collection_throws()
    {
        ArgumentNullException ex = Assert.Throws<ArgumentNullException>(() => LocalEmbeddingsServiceCollectionExtensions.AddAiOpsLocalEmbeddings(null!));

        Assert.Equal("services", ex.ParamName);
    }

    [Theory]
    [InlineData("true", null, true)]
    [InlineData("True", "openai", true)]
    [InlineData("false", "local", false)]
    [InlineData(null, "local", true)]
    [InlineData(null, "Local", true)]
    [InlineData(null, "openai", false)]
    [InlineData(null, null, false)]
    public void The_host_switch_is_AIOPS_ENABLE_LOCAL_EMBEDDINGS_or_AI_PROVIDER_local(string? flag, string? provider, bool expected)
    {
        IConfiguration configuration = Configuration(new() { ["AIOPS_ENABLE_LOCAL_EMBEDDINGS"] = flag, ["AI_PROVIDER"] = provider });
        var services = new ServiceCollection();

        services.AddAiOpsLocalEmbeddings(configuration);

        Assert.Equal(expected, LocalEmbeddingsServiceCollectionExtensions.IsEnabled(configuration));
        Assert.Equal(expected ? 1 : 0, services.Count(d => d.ServiceType == typeof(AiProviderRegistry)));
    }

    [Fact]
    public void The_switch_binds_from_the_AiOps_section_too()
    {
        IConfiguration configuration = Configuration(new() { ["AiOps:EnableLocalEmbeddings"] = "true" });

        Assert.True(LocalEmbeddingsServiceCollectionExtensions.IsEnabled(configuration));
    }

    [Fact]
    public void A_bad_switch_value_fails_naming_the_variable()
    {
        IConfiguration configuration = Configuration(new() { ["AIOPS_ENABLE_LOCAL_EMBEDDINGS"] = "yes please" });

        AiException ex = Assert.Throws<AiException>(() => new ServiceCollection().AddAiOpsLocalEmbeddings(configuration));

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Equal("AIOPS_ENABLE_LOCAL_EMBEDDINGS", ex.Parameter);
        Assert.Contains("AIOPS_ENABLE_LOCAL_EMBEDDINGS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_configured_with_AI_PROVIDER_local_serves_embeddings_with_no_other_setting()
    {
        IConfiguration configuration = Configuration(LocalSettings);
        var services = new ServiceCollection();
        services.AddAiOps(configuration);
        services.AddAiOpsLocalEmbeddings(configuration);
        await using ServiceProvider sp = services.BuildServiceProvider();

        GeneratedEmbeddings<Embedding<float>> result = await sp.GetRequiredService<AiClient>().EmbedAsync(["gateway"], new EmbeddingGenerationOptions { ModelId = "all-minilm-l6-v2" });

        Assert.Equal(384, result[0].Vector.Length);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
