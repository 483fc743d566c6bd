"""政策清单 and 政策匹配: benefits extracted from the documents by rule, named, and matched against a company's profile."""
