package vn.chonongsan.esanalysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

@NamedComponent("edge_ngram")
public class EdgeNGramFilterFactory implements TokenFilterFactory {
    private final GramSettings settings;

    @Inject
    public EdgeNGramFilterFactory(GramSettings settings) {
        this.settings = settings;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new EdgeNGramTokenFilter(tokenStream, settings.minGram(), settings.maxGram(), settings.preserveOriginal());
    }
}
