package signing

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
	"software.sslmate.com/src/go-pkcs12"
)

// Signer holds a signing key and its certificate chain. It is safe for concurrent use.
type Signer struct {
	key   crypto.Signer
	cert  *x509.Certificate
	chain []*x509.Certificate
}

// Load reads a PKCS#12 (.p12, .pfx) file: one private key, its certificate and the CA
// certificates of its chain.
func Load(p12 []byte, password string) (*Signer, error) {
	key, cert, cas, err := pkcs12.DecodeChain(p12, password)
	if err != nil {
		return nil, fmt.Errorf("signing: PKCS#12: %w", err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, errors.New("signing: the PKCS#12 key cannot sign")
	}
	return &Signer{key: signer, cert: cert, chain: append([]*x509.Certificate{cert}, cas...)}, nil
}

// Certificate is the signer's certificate.
func (s *Signer) Certificate() *x509.Certificate { return s.cert }

// Info is what a signature says besides the certificate.
type Info struct {
	Name     string // the signer, e.g. "Nguyễn Văn A"; the certificate's common name when empty
	Reason   string // e.g. "Ban hành văn bản số 01/UBND-NC"
	Location string // e.g. "Thanh Hoá"
	Contact  string
	Time     time.Time
}

// Sign returns pdf with an approval signature appended as an incremental update, so the
// signed bytes (and a PDF/A's conformance) are kept.
func (s *Signer) Sign(in []byte, info Info) ([]byte, error) {
	if info.Name == "" {
		info.Name = s.cert.Subject.CommonName
	}
	if info.Time.IsZero() {
		info.Time = time.Now()
	}
	rd := bytes.NewReader(in)
	r, err := pdf.NewReader(rd, int64(len(in)))
	if err != nil {
		return nil, fmt.Errorf("signing: read PDF: %w", err)
	}
	var out bytes.Buffer
	err = sign.Sign(rd, &out, r, int64(len(in)), sign.SignData{
		Signature: sign.SignDataSignature{
			CertType:   sign.ApprovalSignature,
			DocMDPPerm: sign.AllowFillingExistingFormFieldsAndSignaturesPerms,
			Info: sign.SignDataSignatureInfo{Name: info.Name, Reason: info.Reason, Location: info.Location,
				ContactInfo: info.Contact, Date: info.Time},
		},
		Signer:            s.key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       s.cert,
		CertificateChains: [][]*x509.Certificate{s.chain},
	})
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	return out.Bytes(), nil
}
