// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps;

/// <summary>Sends one provider request: credentials, configured headers, the per-attempt timeout, one refresh after a 401 for
/// rotated Key Vault keys, and every failure turned into an <see cref="AiException"/>.</summary>
/// <remarks>Shared by every HTTP provider so they behave the same. Caller cancellation surfaces as
/// <see cref="OperationCanceledException"/>; the timeout as <see cref="AiErrorKind.Timeout"/>.</remarks>
internal sealed class ProviderHttpSender
{
    private const int MaxErrorBodyChars = 64 * 1024;
    private readonly AiProviderContext _context;
    private readonly ProviderAuth _auth;

    /// <summary>Initializes a new instance of the <see cref="ProviderHttpSender"/> class.</summary>
    public ProviderHttpSender(AiProviderContext context, ProviderAuth auth)
    {
        _context = context;
        _auth = auth;
        Info = new ProviderInfo(context.Provider.Id.Value, context.Provider.DisplayName, context.Provider.ApiKeyVariable);
    }

    /// <summary>Gets what messages say about the provider.</summary>
    public ProviderInfo Info { get; }

    /// <summary>Gets the key to scrub from messages.</summary>
    public string? SecretToRedact => _auth.SecretToRedact;

    /// <summary>Sends a request and deserializes a successful JSON body; the whole exchange is bounded by the timeout.</summary>
    public Task<(T Value, HttpResponseMessage Response)> SendJsonAsync<T>(Func<HttpRequestMessage> createRequest, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        SendAsync(
            createRequest,
            async (response, token) =>
            {
                Stream body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                T? value = await JsonSerializer.DeserializeAsync(body, typeInfo, token).ConfigureAwait(false);
                return value is null ? throw InvalidResponse("the body was JSON null", null) : value;
            },
            cancellationToken);

    /// <summary>Sends a request and reads a successful body with <paramref name="read"/> (for providers that parse the bytes
    /// themselves); the whole exchange is bounded by the timeout, and read failures map as in <see cref="SendJsonAsync{T}"/>:
    /// <see cref="JsonException"/> → <see cref="AiErrorKind.InvalidResponse"/>, I/O → a retryable <see cref="AiErrorKind.ServerError"/>,
    /// the timeout → <see cref="AiErrorKind.Timeout"/>. The response is disposed when <paramref name="read"/> throws.</summary>
    public async Task<(T Value, HttpResponseMessage Response)> SendAsync<T>(
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        using var timeout = new AttemptTimeout(_context.Timeout, _context.TimeProvider, cancellationToken);
        HttpResponseMessage response = await SendCoreAsync(createRequest, timeout.Token, cancellationToken).ConfigureAwait(false);
        try
        {
            T value = await read(response, timeout.Token).ConfigureAwait(false);
            return (value, response);
        }
        catch (JsonException ex)
        {
            response.Dispose();
            throw InvalidResponse($"the body was not the expected JSON ({ex.Message})", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            response.Dispose();
            throw TimedOut(ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            response.Dispose();
            throw new AiException(AiErrorKind.ServerError, $"The connection to {Info.DisplayName} failed while reading the answer: {ex.Message}", ex)
            {
                Provider = Info.Name,
                IsRetryable = true,
                RequestId = ProviderErrorMapper.RequestId(response),
            };
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request and returns once the headers arrive (for streams); the timeout bounds only the wait for the headers.</summary>
    public async Task<HttpResponseMessage> SendStreamingAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var timeout = new AttemptTimeout(_context.Timeout, _context.TimeProvider, cancellationToken);
        return await SendCoreAsync(createRequest, timeout.Token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(Func<HttpRequestMessage> createRequest, CancellationToken token, CancellationToken callerToken)
    {
        bool refreshed = false;
        while (true)
        {
            using HttpRequestMessage request = createRequest();
            foreach (KeyValuePair<string, string> header in _context.Settings.Headers)
            {
                _ = request.Headers.Remove(header.Key);
                _ = request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            await _auth.ApplyAsync(request, token).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                response = await _context.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
            {
                throw TimedOut(ex);
            }
            catch (HttpRequestException ex)
            {
                throw new AiException(
                    AiErrorKind.ServerError,
                    $"Could not reach {Info.DisplayName} at {request.RequestUri?.GetLeftPart(UriPartial.Authority)}: {ex.Message} Check the base URL, the network and the proxy settings.",
                    ex)
                {
                    Provider = Info.Name,
                    IsRetryable = true,
                };
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            if ((int)response.StatusCode == 401 && !refreshed && _auth.TryRefresh())
            {
                // The key may have been rotated in Key Vault: read it again and try once more.
                refreshed = true;
                response.Dispose();
                continue;
            }

            using (response)
            {
                string? body = await ReadErrorBodyAsync(response, token, callerToken).ConfigureAwait(false);
                throw ProviderErrorMapper.FromResponse(Info, response, body, _context.TimeProvider.GetUtcNow(), _auth.SecretToRedact);
            }
        }
    }

    private static async Task<string?> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken token, CancellationToken callerToken)
    {
        // A caller that cancelled (for example sibling batches cancelled after one failed) gets the cancellation, not an
        // error built from the status alone: that would mislabel the failure (a quota error read as a plain rate limit).
        try
        {
            string body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            return body.Length > MaxErrorBodyChars ? body[..MaxErrorBodyChars] : body;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && !callerToken.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>Builds the error for an answer that cannot be used.</summary>
    public AiException InvalidResponse(string what, Exception? inner) =>
        new(AiErrorKind.InvalidResponse, $"{Info.DisplayName} answered, but {what}. This is a provider or proxy fault; retry, and report it if it persists.", inner)
        {
            Provider = Info.Name,
        };

    private AiException TimedOut(Exception inner) =>
        new(AiErrorKind.Timeout, $"{Info.DisplayName} did not answer within {AiDuration.Format(_context.Timeout)} (AI_TIMEOUT). Raise AI_TIMEOUT for long answers, or stream them.", inner)
        {
            Provider = Info.Name,
            IsRetryable = true,
        };
}
